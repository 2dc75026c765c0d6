"""Pending organization invitations of the cohort's people (for the needs-attention list)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cohort.config.model import CohortFile
from cohort.summary.activity import parse_time


@dataclass(frozen=True)
class PendingInvite:
    """A mentee or mentor invited to the organization who has not accepted yet."""

    login: str
    days: float  # since the invitation was sent


def pending_invites(
    raw: Iterable[Any], cohort: CohortFile, now: dt.datetime
) -> tuple[PendingInvite, ...]:
    """The cohort's people among ``GET /orgs/{org}/invitations`` items, oldest first."""
    people = {h.lower() for t in cohort.teams for h in [*t.mentees, *t.mentors]}
    found = []
    for item in raw:
        login = str(item.get("login") or "") if isinstance(item, dict) else ""
        sent = parse_time(str(item.get("created_at") or "")) if login else None
        if login.lower() in people and sent is not None and sent <= now:
            found.append(PendingInvite(login, (now - sent).total_seconds() / 86400))
    return tuple(sorted(found, key=lambda p: (-p.days, p.login.lower())))
