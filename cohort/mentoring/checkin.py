"""The weekly check-in issue of a team: title, body and marker (pure)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cohort.config.model import CohortFile, Team
from cohort.config.naming import MARKER_PREFIX, marker
from cohort.mentoring.answers import CARRIED_HEADING, Blocker
from cohort.mentoring.prompts import HEADINGS, ideas, intro
from cohort.reconcile.calendar import current_phase

CHECKIN_LABEL = "cohort: check-in"
_MARKER = re.compile(re.escape(MARKER_PREFIX) + r"checkin ([a-z0-9-]+) week-(\d+) -->")


@dataclass(frozen=True)
class CheckIn:
    """What to write for one team and one week."""

    team: str
    week: int
    title: str
    body: str


def checkin_key(team: str, week: int) -> str:
    return f"{team} week-{week:02d}"


def checkin_marker(team: str, week: int) -> str:
    return marker("checkin", checkin_key(team, week))


def parse_marker(body: str) -> tuple[str, int] | None:
    """(team, week) of a check-in body's marker."""
    found = _MARKER.search(body or "")
    return (found.group(1), int(found.group(2))) if found else None


def week_span(cohort: CohortFile, week: int) -> tuple[dt.date, dt.date]:
    first = cohort.calendar.start + dt.timedelta(weeks=week - 1)
    return first, first + dt.timedelta(days=6)


def build_checkin(
    cohort: CohortFile,
    team: Team,
    week: int,
    *,
    slot: str | None = None,
    blockers: list[Blocker] | None = None,
    previous: int | None = None,
) -> CheckIn:
    """The check-in of ``team`` for cohort week ``week``."""
    first, last = week_span(cohort, week)
    phase = current_phase(cohort.calendar, first)
    title = f"Week {week} check-in" + (f" ({phase} phase)" if phase else "")
    parts = [
        checkin_marker(team.slug, week),
        _greeting(team, week, cohort.calendar.weeks, first, last),
        intro(phase),
        _meeting(team, slot),
        _how_to_answer(),
        "Some ideas for this phase:\n" + "\n".join(f"- {i}" for i in ideas(phase)),
        _carried(blockers or []),
        f"Last week's check-in: #{previous}." if previous else "",
    ]
    return CheckIn(team.slug, week, title, "\n\n".join(p for p in parts if p) + "\n")


def _greeting(team: Team, week: int, weeks: int, first: dt.date, last: dt.date) -> str:
    people = ", ".join(f"@{m}" for m in team.mentees) or "team"
    return (
        f"Hi {people}!\n\n"
        f"This is your team's check-in for **week {week} of {weeks}** "
        f"({first:%a %d %b} to {last:%a %d %b})."
    )


def _meeting(team: Team, slot: str | None) -> str:
    mentors = " and ".join(f"@{m}" for m in team.mentors) or "your mentors"
    if slot:
        return f"**Your weekly meeting:** {slot}, with {mentors}."
    return f"**Your weekly meeting:** agree on a time with {mentors} if you have not yet."


def _how_to_answer() -> str:
    template = "\n".join(f"**{h}**\n..." for h in HEADINGS)
    return (
        "### How to answer\n\n"
        "Each of you, please add one comment below before the meeting. Copy these four "
        "headings and write a few lines under each. Short answers are fine. It is okay to "
        'be stuck: say so under "Where I am blocked" and your mentors will help.\n\n'
        f"```markdown\n{template}\n```"
    )


def _carried(blockers: list[Blocker]) -> str:
    if not blockers:
        return ""
    lines = "\n".join(b.line() for b in blockers)
    return (
        f"{CARRIED_HEADING}\n\n"
        "These blockers were not solved last week. Tick a box when it is solved.\n\n"
        f"{lines}"
    )


def closing_note(answered: tuple[str, ...], mentees: list[str], next_number: int) -> str:
    """The text appended to last week's check-in when it is closed."""
    missing = [m for m in mentees if m not in answered]
    said = ", ".join(f"@{m}" for m in answered) or "nobody yet"
    tail = f" Not answered: {', '.join(f'@{m}' for m in missing)}." if missing else ""
    return (
        f"\n---\nThis check-in is closed. Answered: {said}.{tail} "
        f"This week's check-in is #{next_number}.\n"
    )
