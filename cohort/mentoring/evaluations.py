"""Midpoint and final evaluations: when they open, the tracking issue and its status (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from cohort.config.model import CohortFile
from cohort.config.naming import marker
from cohort.mentoring.forms import ROLES, form_file, form_label
from cohort.reconcile.calendar import cohort_end

Kind = Literal["midpoint", "final"]
KINDS: tuple[Kind, ...] = ("midpoint", "final")
EVALUATION_LABEL = "cohort: evaluation"
REMIND_DAYS_BEFORE_DUE = 2


@dataclass(frozen=True)
class Round:
    """One evaluation round: when it opens and when answers are due."""

    kind: Kind
    opens: dt.date
    due: dt.date

    def is_open(self, today: dt.date) -> bool:
        return today >= self.opens

    def remind(self, today: dt.date) -> bool:
        return today >= self.due - dt.timedelta(days=REMIND_DAYS_BEFORE_DUE)


@dataclass(frozen=True)
class Submission:
    """An answered evaluation form (an issue the form created)."""

    author: str
    labels: tuple[str, ...]
    number: int


@dataclass(frozen=True)
class Expected:
    """Someone who should answer a round, and whether they have."""

    handle: str
    role: str  # mentee | mentor
    teams: tuple[str, ...]
    submitted: int | None  # issue number of their answer


def schedule(cohort: CohortFile) -> tuple[Round, Round]:
    """Midpoint: the middle week of the cohort; final: its last week."""
    start, weeks = cohort.calendar.start, cohort.calendar.weeks
    middle = start + dt.timedelta(weeks=max(1, (weeks + 1) // 2) - 1)
    last = start + dt.timedelta(weeks=weeks - 1)
    return (
        Round("midpoint", middle, middle + dt.timedelta(days=6)),
        Round("final", last, cohort_end(cohort.calendar)),
    )


def expected(cohort: CohortFile, kind: Kind, found: list[Submission]) -> list[Expected]:
    """Every mentee and every mentor who leads a team, with their answer if it exists."""
    out = []
    for role in ROLES:
        label = form_label(kind, role)
        done = {s.author.lower(): s.number for s in found if label in s.labels}
        for handle, teams in _people(cohort, role):
            out.append(Expected(handle, role, teams, done.get(handle.lower())))
    return out


def _people(cohort: CohortFile, role: str) -> list[tuple[str, tuple[str, ...]]]:
    key = "mentees" if role == "mentee" else "mentors"
    seen: dict[str, list[str]] = {}
    for team in cohort.teams:
        for handle in getattr(team, key):
            seen.setdefault(handle, []).append(team.slug)
    return [(h, tuple(t)) for h, t in seen.items()]


def tracking_title(cohort: CohortFile, r: Round) -> str:
    return f"{cohort.program.cohort}: {r.kind} evaluation (due {r.due:%a %d %b})"


def tracking_body(cohort: CohortFile, r: Round, rows: list[Expected], repo_url: str) -> str:
    """The organizers' issue: what the round is, links to the forms, and who has answered."""
    done = sum(1 for x in rows if x.submitted)
    links = "\n".join(
        f"- {role.title()}s: [open the form]({repo_url}/issues/new?template="
        f"{form_file(r.kind, role)})"
        for role in ROLES
    )
    table = "\n".join(
        f"| @{x.handle} | {x.role} | {', '.join(x.teams)} | "
        f"{f'yes (#{x.submitted})' if x.submitted else 'not yet'} |"
        for x in rows
    )
    return (
        f"{marker('evaluation', r.kind)}\n"
        f"The **{r.kind} evaluation** is open from {r.opens:%a %d %b} to {r.due:%a %d %b}.\n\n"
        "Every mentee and every mentor fills in one short form. It takes about ten minutes. "
        "Your answers stay in this private repository: only the organizers read them.\n\n"
        f"{links}\n\n"
        f"### Who has answered ({done} of {len(rows)})\n\n"
        "| who | role | team | answered |\n|---|---|---|---|\n"
        f"{table}\n"
    )


def reminder_text(r: Round, rows: list[Expected]) -> str | None:
    """A friendly nudge for everyone who has not answered yet (None when all have)."""
    pending = [x.handle for x in rows if not x.submitted]
    if not pending:
        return None
    return (
        f"{marker('evaluation-reminder', r.kind)}\n"
        f"A friendly reminder: the {r.kind} evaluation is due on {r.due:%a %d %b}. "
        f"We are still waiting for {', '.join(f'@{h}' for h in pending)}. "
        "The links to the forms are at the top of this issue. Thank you!\n"
    )
