"""ISO weeks (``2027-W07``): parsing, their window in the program's time zone, cohort week."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cohort.config.model import Calendar
from cohort.errors import UsageError
from cohort.reconcile.calendar import cohort_week

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class Week:
    """One ISO week: Monday to Sunday."""

    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def previous(self) -> Week:
        return week_of(self.monday - dt.timedelta(days=7))

    def next(self) -> Week:
        return week_of(self.monday + dt.timedelta(days=7))

    def window(self, zone: str) -> tuple[dt.datetime, dt.datetime]:
        """Start (inclusive) and end (exclusive) of the week in ``zone``, as UTC."""
        tz = ZoneInfo(zone)
        start = dt.datetime.combine(self.monday, dt.time(), tz)
        end = dt.datetime.combine(self.monday + dt.timedelta(days=7), dt.time(), tz)
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def parse_week(text: str) -> Week:
    """``2027-W07`` → Week; a usage error names the expected form."""
    found = WEEK_RE.match(text.strip())
    if not found:
        raise UsageError(f"--week {text!r}: use an ISO week such as 2027-W07")
    year, number = int(found.group(1)), int(found.group(2))
    try:
        dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise UsageError(f"--week {text!r}: {year} has no week {number}") from None
    return Week(year, number)


def resolve_week(text: str, calendar: Calendar) -> Week:
    """``--week`` as every command reads it: an ISO week (``2027-W07``) or a cohort week (``3``)."""
    raw = text.strip()
    if raw.isdigit():
        number = int(raw)
        if not 1 <= number <= calendar.weeks:
            raise UsageError(
                f"--week {raw}: the cohort has weeks 1 to {calendar.weeks} "
                "(or give an ISO week such as 2027-W07)"
            )
        return week_of(calendar.start + dt.timedelta(weeks=number - 1))
    if not WEEK_RE.match(raw):
        raise UsageError(
            f"--week {text!r}: use an ISO week such as 2027-W07 or a cohort week number"
        )
    return parse_week(raw)


def describe_week(week: Week, calendar: Calendar) -> str:
    """``2027-W07 (cohort week 3)``: both names of a week, for output."""
    number = cohort_week_of(calendar, week)
    if number == 0:
        return f"{week.label} (before cohort week 1)"
    if number > calendar.weeks:
        return f"{week.label} (after the cohort's {calendar.weeks} weeks)"
    return f"{week.label} (cohort week {number})"


def week_of(day: dt.date) -> Week:
    """The ISO week holding ``day``."""
    iso = day.isocalendar()
    return Week(iso.year, iso.week)


def local_day(moment: dt.datetime, zone: str) -> dt.date:
    """The calendar day of ``moment`` in ``zone``."""
    return moment.astimezone(ZoneInfo(zone)).date()


def cohort_week_of(calendar: Calendar, week: Week) -> int:
    """The cohort's own number of an ISO week (0 before the start; may exceed the length)."""
    return cohort_week(calendar, week.sunday) if week.sunday >= calendar.start else 0


def cohort_weeks(calendar: Calendar, until: dt.date) -> list[Week]:
    """Every ISO week from the cohort's start to ``until`` (or its end, if sooner)."""
    last = min(until, calendar.start + dt.timedelta(weeks=calendar.weeks, days=-1))
    out: list[Week] = []
    week = week_of(calendar.start)
    while week.monday <= last:
        out.append(week)
        week = week.next()
    return out
