"""Calendar arithmetic: phase dates, due dates and the current week (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cohort.config.model import PHASES, Calendar

MILESTONE_TITLES = {"design": "Design", "code": "Code", "deployment": "Deployment"}


@dataclass(frozen=True)
class PhaseDates:
    name: str
    first_week: int
    last_week: int
    start: dt.date
    due: dt.date  # the last day of the phase


def phase_dates(calendar: Calendar) -> list[PhaseDates]:
    """Start and due date of every phase, in order."""
    out = []
    for name in PHASES:
        span = getattr(calendar.phases, name)
        start = calendar.start + dt.timedelta(weeks=span.first - 1)
        due = calendar.start + dt.timedelta(weeks=span.last) - dt.timedelta(days=1)
        out.append(PhaseDates(name, span.first, span.last, start, due))
    return out


def cohort_end(calendar: Calendar) -> dt.date:
    """The last day of the cohort."""
    return calendar.start + dt.timedelta(weeks=calendar.weeks) - dt.timedelta(days=1)


def cohort_week(calendar: Calendar, day: dt.date) -> int:
    """The cohort's own week number of ``day`` (0 before the start)."""
    if day < calendar.start:
        return 0
    return (day - calendar.start).days // 7 + 1


def current_phase(calendar: Calendar, day: dt.date) -> str | None:
    """The phase the calendar says we are in on ``day``, if any."""
    for phase in phase_dates(calendar):
        if phase.start <= day <= phase.due:
            return phase.name
    return None


def same_day(a: str, b: str) -> bool:
    """Due dates match within a day: GitHub keeps only a date, shifted by its own time zone."""
    if not a or not b:
        return a == b
    delta = dt.date.fromisoformat(a) - dt.date.fromisoformat(b)
    return abs(delta.days) <= 1
