"""Real-shaped webhook payloads for the example cohort's team repositories."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cohort.app.context import Context
from cohort.app.events import Event
from cohort.app.size import ChangedFile
from tests.reconcile.helpers import example_cohort

ORG = "omp-cohorts"
AURORA = f"{ORG}/2027-spring-aurora"
DELTA = f"{ORG}/2027-spring-delta"
DESIGN_DAY = dt.date(2027, 2, 10)
CODE_DAY = dt.date(2027, 3, 10)
APP = "cohort-mentors[bot]"
COHORT = example_cohort()


def user(login: str, kind: str = "User") -> dict[str, Any]:
    return {"login": login, "type": kind, "id": abs(hash(login)) % 10_000}


def repo(full: str = AURORA) -> dict[str, Any]:
    owner, name = full.split("/")
    return {"full_name": full, "name": name, "owner": user(owner, "Organization")}


def pull(
    number: int = 7,
    *,
    author: str = "fatima-z",
    draft: bool = False,
    labels: tuple[str, ...] = (),
    requested: tuple[str, ...] = (),
    milestone: str | None = None,
    additions: int = 5,
    deletions: int = 0,
    author_kind: str = "User",
) -> dict[str, Any]:
    return {
        "number": number,
        "state": "open",
        "draft": draft,
        "title": "Add events page",
        "user": user(author, author_kind),
        "labels": [{"name": n} for n in labels],
        "requested_reviewers": [user(r) for r in requested],
        "milestone": {"title": milestone} if milestone else None,
        "additions": additions,
        "deletions": deletions,
        "base": {"ref": "main"},
    }


def pr_event(
    action: str, pr: dict[str, Any], *, full: str = AURORA, sender: str | None = None
) -> Event:
    payload = {
        "action": action,
        "pull_request": pr,
        "repository": repo(full),
        "sender": user(sender or pr["user"]["login"]),
        "installation": {"id": 42},
    }
    return Event("pull_request", "d-1", payload)


def ctx(day: dt.date = DESIGN_DAY, **kw: Any) -> Context:
    return Context(COHORT, day, APP, **kw)


def files(*items: tuple[str, int]) -> tuple[ChangedFile, ...]:
    return tuple(ChangedFile(path, lines, 0) for path, lines in items)
