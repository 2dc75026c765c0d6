"""What a weekly summary says: per team, per mentor and for the cohort (immutable values)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

MilestoneStatus = Literal["done", "on track", "at risk", "overdue"]
MenteeState = Literal["active", "blocked", "quiet"]


@dataclass(frozen=True)
class MilestoneProgress:
    title: str
    closed: int
    total: int
    due_on: dt.date | None
    status: MilestoneStatus

    @property
    def percent(self) -> int:
        return round(100 * self.closed / self.total) if self.total else 0


@dataclass(frozen=True)
class WaitingPull:
    number: int
    title: str
    author: str
    days: float  # waiting for a mentor review since opened, the last push or review, in days
    too_long: bool
    repo: str = ""  # owner/name: links must name the repository (a bare #N links elsewhere)
    mentors: tuple[str, ...] = ()  # whom it waits on: the requested mentors, else all of the team

    @property
    def ref(self) -> str:
        """``owner/repo#N``."""
        return f"{self.repo}#{self.number}"


@dataclass(frozen=True)
class MenteeStatus:
    """A mentee as of the moment: active, blocked on a review, or quiet."""

    handle: str
    state: MenteeState
    last_activity: dt.datetime | None
    days_quiet: int | None  # whole days since the last activity (None: never active)
    waiting: tuple[int, ...] = ()  # their PRs waiting on a mentor


@dataclass(frozen=True)
class HelpRequest:
    """An open issue or PR labelled help-wanted-from-mentor (known for the current week only)."""

    ref: str  # owner/repo#N
    title: str
    author: str
    days: float  # since the issue or PR was opened


@dataclass(frozen=True)
class TeamSummary:
    slug: str
    repo: str
    found: bool
    milestones: tuple[MilestoneProgress, ...]
    prs_opened: int
    prs_merged: int
    waiting: tuple[WaitingPull, ...]
    first_review_hours: float | None  # median, over first mentor reviews given this week
    commits: int
    issues_closed: int
    contributed: tuple[str, ...]
    silent: tuple[str, ...]
    last_activity: dt.datetime | None
    days_since_activity: int | None
    truncated: bool = False
    checkin: int | None = None  # this week's check-in issue, if there is one
    checkin_answered: tuple[str, ...] = ()
    checkin_silent: tuple[str, ...] = ()
    mentees: tuple[MenteeStatus, ...] = ()
    checkin_blockers: tuple[str, ...] = ()  # "@who: what" from the check-in
    help_requests: tuple[HelpRequest, ...] = ()
    prs_open: int = 0


@dataclass(frozen=True)
class MentorSummary:
    handle: str
    teams: tuple[str, ...]
    reviews_given: int
    pending_requests: int
    oldest_pending_days: float | None
    waiting: tuple[WaitingPull, ...] = ()  # PRs that wait on this mentor, longest first


@dataclass(frozen=True)
class Attention:
    slug: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Totals:
    prs_opened: int
    prs_merged: int
    commits: int
    issues_closed: int
    reviews: int
    waiting: int
    active_mentees: int
    mentees: int


@dataclass(frozen=True)
class Expired:
    """A person of the cohort whose organization invitation expired unaccepted."""

    login: str
    sent_at: dt.datetime
    expired_at: dt.datetime
    reason: str  # GitHub's failed_reason, e.g. "Invitation expired"


@dataclass(frozen=True)
class Summary:
    cohort: str
    program: str
    org: str
    week: str
    week_start: dt.date
    week_end: dt.date
    cohort_week: int
    cohort_weeks: int
    phase: str | None
    phase_due: dt.date | None
    generated_at: dt.datetime
    teams: tuple[TeamSummary, ...]
    mentors: tuple[MentorSummary, ...]
    attention: tuple[Attention, ...]
    totals: Totals
    stale_after_days: int
    review_waiting_days: int
    live: bool = True  # False: a past week, computed as of its end from timestamps
    # people of the cohort whose org invitation is older than invitation_days: (login, days)
    unaccepted: tuple[tuple[str, int], ...] = ()
    invitation_days: int = 3
    # people of the cohort whose latest org invitation expired and was not sent again yet
    expired: tuple[Expired, ...] = ()
