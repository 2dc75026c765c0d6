"""The cohort dashboard: week-by-week history from a snapshot, rendered as one HTML page."""

from cohort.dashboard.history import History, history
from cohort.dashboard.render import render_dashboard

__all__ = ["History", "history", "render_dashboard"]
