"""Mentor induction: the issue text from the guide, its checklist, and who is done (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from cohort.config.model import CohortFile, Mentor
from cohort.config.naming import MARKER_PREFIX, marker

INDUCTION_LABEL = "cohort: induction"
GUIDE_PATH = "mentoring/induction.md"  # an organizer's own guide, in the organizer repo
_BOX = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+", re.MULTILINE)
_MARKER = re.compile(re.escape(MARKER_PREFIX) + r"induction ([A-Za-z0-9-]+) -->")

Status = Literal["completed", "ready", "in progress", "not started"]


@dataclass(frozen=True)
class InductionIssue:
    """An induction issue as read from GitHub."""

    number: int
    handle: str
    state: str  # open | closed
    body: str
    url: str = ""


@dataclass(frozen=True)
class Checklist:
    """How many boxes of an induction issue are ticked."""

    ticked: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.ticked == self.total


@dataclass(frozen=True)
class StatusRow:
    """One mentor's induction, as cohort.yml and the issue tell it."""

    handle: str
    name: str
    in_file: str  # the induction field of cohort.yml
    status: Status
    checklist: Checklist | None
    issue: int | None
    leads: tuple[str, ...]  # team slugs


def default_guide() -> str:
    """The built-in induction guide (markdown with placeholders)."""
    return resources.files("cohort.mentoring").joinpath("defaults/induction.md").read_text("utf-8")


def induction_title(cohort: CohortFile, mentor: Mentor) -> str:
    return f"Mentor induction: {mentor.name} (@{mentor.handle})"


def induction_body(cohort: CohortFile, mentor: Mentor, guide: str) -> str:
    """The issue body: the guide with its placeholders filled, and the marker."""
    organizers = ", ".join(f"@{o}" for o in cohort.organizers)
    text = (
        guide.replace("{mentor_name}", mentor.name)
        .replace("{mentor_handle}", mentor.handle)
        .replace("{program}", cohort.program.name)
        .replace("{organizers}", organizers)
    )
    return f"{marker('induction', mentor.handle)}\n{text.strip()}\n"


def induction_handle(body: str) -> str | None:
    """The mentor handle in an induction issue's marker."""
    found = _MARKER.search(body or "")
    return found.group(1) if found else None


def checklist(body: str) -> Checklist:
    """Ticked and total task-list boxes of a body."""
    marks = _BOX.findall(body or "")
    return Checklist(sum(1 for m in marks if m in "xX"), len(marks))


def finished(issue: InductionIssue) -> bool:
    """Closed with every box ticked: the mentor is done."""
    return issue.state == "closed" and checklist(issue.body).complete


def status_rows(cohort: CohortFile, issues: list[InductionIssue]) -> list[StatusRow]:
    """Every mentor of the cohort with their induction status, in file order."""
    by_handle = {i.handle.lower(): i for i in issues}
    rows = []
    for mentor in cohort.mentors:
        issue = by_handle.get(mentor.handle.lower())
        marks = checklist(issue.body) if issue else None
        rows.append(
            StatusRow(
                mentor.handle,
                mentor.name,
                mentor.induction,
                _status(mentor, issue),
                marks,
                issue.number if issue else None,
                tuple(t.slug for t in cohort.teams if mentor.handle in t.mentors),
            )
        )
    return rows


def _status(mentor: Mentor, issue: InductionIssue | None) -> Status:
    if mentor.induction == "completed":
        return "completed"
    if issue is None:
        return "not started"
    return "ready" if finished(issue) else "in progress"


def to_propose(rows: list[StatusRow]) -> list[str]:
    """Handles whose issue is finished but whose cohort.yml entry still says pending."""
    return [r.handle for r in rows if r.status == "ready"]


def render_status(rows: list[StatusRow]) -> str:
    """A plain-text table for ``cohort induction status``."""
    lines = ["mentor            induction     checklist  issue  leads"]
    for r in rows:
        marks = f"{r.checklist.ticked}/{r.checklist.total}" if r.checklist else "-"
        issue = f"#{r.issue}" if r.issue else "-"
        label = {"completed": "done", "ready": "done (to record)"}.get(r.status, "pending")
        lines.append(
            f"{r.handle:<17} {label:<13} {marks:<10} {issue:<6} {', '.join(r.leads) or '-'}"
        )
    done = sum(1 for r in rows if r.status in ("completed", "ready"))
    lines.append(f"{done} of {len(rows)} mentors done; {len(rows) - done} pending.")
    return "\n".join(lines) + "\n"
