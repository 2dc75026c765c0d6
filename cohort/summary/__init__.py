"""Weekly summaries: activity snapshot in, Summary out, rendered as markdown or JSON (pure)."""

from cohort.summary.activity import Activity, RepoActivity
from cohort.summary.compute import summarize
from cohort.summary.model import Summary
from cohort.summary.render_json import render_json
from cohort.summary.render_markdown import render_markdown, summary_marker
from cohort.summary.week import Week, parse_week, week_of

__all__ = [
    "Activity",
    "RepoActivity",
    "Summary",
    "Week",
    "parse_week",
    "render_json",
    "render_markdown",
    "summarize",
    "summary_marker",
    "week_of",
]
