"""What templates see about a team: plain data built from the cohort model (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.config.model import CohortFile, Mentee, Mentor, Team
from cohort.labels import CATALOGUE
from cohort.reconcile.calendar import cohort_end, phase_dates


@dataclass(frozen=True)
class Shared:
    """What every team's context shares, computed once per cohort (not once per team)."""

    mentees: dict[str, Mentee]
    mentors: dict[str, Mentor]
    calendar: dict[str, object]
    labels: list[dict[str, str]]

    @classmethod
    def of(cls, cohort: CohortFile) -> Shared:
        return cls(
            {m.handle: m for m in cohort.mentees},
            {m.handle: m for m in cohort.mentors},
            _calendar(cohort),
            [{"name": s.name, "color": s.color, "description": s.description} for s in CATALOGUE],
        )


def team_context(
    cohort: CohortFile, team: Team, repo_name: str, shared: Shared | None = None
) -> dict[str, object]:
    """The template context of one team: strings, numbers, lists and dicts only.

    Dates are ISO strings so the context is JSON-able and rendering stays deterministic.
    Pass ``shared`` when rendering many teams of one cohort.
    """
    shared = shared or Shared.of(cohort)
    program = cohort.program
    project = next(p for p in cohort.projects if p.id == team.project)
    mentees, mentors = shared.mentees, shared.mentors
    org = program.organization
    return {
        "program": {"name": unmention(program.name), "cohort": program.cohort, "organization": org},
        "cohort": program.cohort,
        "org": org,
        "repo": repo_name,
        "team": team.slug,
        "project": {
            "id": project.id,
            "title": unmention(project.title),
            "brief": unmention(project.brief),
            "skills": list(project.skills),
        },
        "mentees": [
            {"handle": h, "name": unmention(mentees[h].name), "level": mentees[h].level}
            for h in team.mentees
            if h in mentees
        ],
        "mentors": [
            {"handle": h, "name": unmention(mentors[h].name)} for h in team.mentors if h in mentors
        ],
        "calendar": shared.calendar,
        "organizers": list(cohort.organizers),
        "contact": {
            "questions": program.contact.questions,
            "organizers": program.contact.organizers,
        },
        "meeting": _meeting(team, cohort.calendar.timezone),
        "onboarding_issues": program.onboarding_issues,
        "labels": shared.labels,
        "pages_url": f"https://{org.lower()}.github.io/{repo_name}/",
        "image": f"ghcr.io/{org.lower()}/{repo_name.lower()}",
    }


def unmention(text: str) -> str:
    """Free text with every ``@`` followed by a zero-width space: GitHub links no @mention,
    and the text reads the same. Handles are passed apart, so templates mention on purpose."""
    return text.replace("@", "@\u200b")


def _meeting(team: Team, default_zone: str) -> dict[str, str] | None:
    meeting = team.meeting
    if meeting is None:
        return None
    return {
        "day": meeting.day.capitalize(),
        "time": meeting.time,
        "timezone": meeting.timezone or default_zone,
        "place": unmention(meeting.place or ""),
    }


def _calendar(cohort: CohortFile) -> dict[str, object]:
    calendar = cohort.calendar
    return {
        "start": calendar.start.isoformat(),
        "end": cohort_end(calendar).isoformat(),
        "weeks": calendar.weeks,
        "timezone": calendar.timezone,
        "phases": [
            {
                "name": p.name,
                "first_week": p.first_week,
                "last_week": p.last_week,
                "start": p.start.isoformat(),
                "due": p.due.isoformat(),
            }
            for p in phase_dates(calendar)
        ],
    }
