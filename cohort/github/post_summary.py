"""Post a week's summary as one issue in the organizer repo: 1 read, at most 2 writes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from cohort.config.model import CohortFile
from cohort.config.naming import MARKER_PREFIX
from cohort.errors import UsageError
from cohort.github import routes
from cohort.github.paging import rest_pages
from cohort.github.ports import RestPort

SUMMARY_LABEL = "cohort: summary"
Action = Literal["created", "updated", "unchanged"]
_MARKER_RE = re.compile(re.escape(MARKER_PREFIX) + r"summary ([a-z0-9-]+)/(\d{4}-W\d{2}) -->")


@dataclass(frozen=True)
class Posted:
    """What posting did: the week's issue, and the previous week's (closed if it was open)."""

    number: int
    url: str
    action: Action
    previous: int | None
    closed_previous: bool


@dataclass(frozen=True)
class _Found:
    number: int
    week: str
    state: str
    title: str
    body: str
    url: str


def summary_week(body: str, cohort: str) -> str | None:
    """The ISO week in a body's summary marker for ``cohort``, if it has one."""
    found = _MARKER_RE.search(body or "")
    return found.group(2) if found and found.group(1) == cohort else None


def post_summary(
    client: RestPort, cohort: CohortFile, week: str, title: str, markdown: str
) -> Posted:
    """Create or update ``week``'s issue; link, and close, the latest earlier week's issue."""
    repo = cohort.program.organizer_repo
    if not repo:
        raise UsageError("--post needs program.organizer_repo in cohort.yml")
    base = f"{cohort.program.organization}/{repo}"
    found = _list(client, base, cohort.program.cohort)
    this = next((f for f in found if f.week == week), None)
    earlier = sorted((f for f in found if f.week < week), key=lambda f: f.week)
    previous = earlier[-1] if earlier else None
    body = markdown.rstrip("\n")
    if previous is not None:
        body += f"\n\nPrevious week: #{previous.number} ({previous.week})."
    body += "\n"
    number, url, action = _write_week(client, base, this, title, body)
    closed = previous is not None and previous.state == "open"
    if previous is not None and closed:
        closing = {"state": "closed", "state_reason": "completed"}
        client.call(routes.UPDATE_ISSUE, body=closing, repo=base, number=previous.number)
    return Posted(
        number,
        url,
        action,
        previous.number if previous else None,
        closed,
    )


def _write_week(
    client: RestPort, base: str, this: _Found | None, title: str, body: str
) -> tuple[int, str, Action]:
    """Create the week's issue, or update it when its text or state differs (one write)."""
    if this is None:
        payload = {"title": title, "body": body, "labels": [SUMMARY_LABEL]}
        made = client.call(routes.CREATE_ISSUE, body=payload, repo=base)
        return int(made["number"]), str(made["html_url"]), "created"
    if (this.body, this.title, this.state) == (body, title, "open"):
        return this.number, this.url, "unchanged"
    reopened = {"title": title, "body": body, "state": "open"}
    client.call(routes.UPDATE_ISSUE, body=reopened, repo=base, number=this.number)
    return this.number, this.url, "updated"


def _list(client: RestPort, base: str, cohort: str) -> list[_Found]:
    """Every summary issue in the organizer repo (every page, newest first)."""
    wanted = {"labels": SUMMARY_LABEL, "state": "all", "direction": "desc"}
    body = rest_pages(
        lambda p: client.call(routes.LIST_ISSUES, params={**wanted, **p}, repo=base),
        f"GET {routes.LIST_ISSUES.url(repo=base)}",
    )
    return [f for item in body if (f := _found(item, cohort)) is not None]


def _found(item: Any, cohort: str) -> _Found | None:
    if not isinstance(item, dict) or "pull_request" in item:
        return None
    week = summary_week(str(item.get("body") or ""), cohort)
    if week is None:
        return None
    return _Found(
        int(item["number"]),
        week,
        str(item["state"]),
        str(item["title"]),
        str(item.get("body") or ""),
        str(item.get("html_url", "")),
    )
