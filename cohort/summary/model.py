"""What a weekly summary says: per team, per mentor and for the cohort (immutable values)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

MilestoneStatus = Literal["done", "on track", "at risk", "overdue"]


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
    days: float  # waiting for a mentor review, in days
    too_long: bool


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


@dataclass(frozen=True)
class MentorSummary:
    handle: str
    teams: tuple[str, ...]
    reviews_given: int
    pending_requests: int
    oldest_pending_days: float | None


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
    # people of the cohort whose org invitation is older than invitation_days: (login, days)
    unaccepted: tuple[tuple[str, int], ...] = ()
    invitation_days: int = 3
