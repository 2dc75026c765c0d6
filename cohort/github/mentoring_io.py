"""Issues found by hidden marker: list, create exactly once (even after a lost response), update."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from cohort.errors import NotFoundError, OutcomeUnknownError
from cohort.github import routes
from cohort.github.paging import rest_pages
from cohort.github.ports import RestPort

Action = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class Marked:
    """An issue cohort wrote, as listed by GitHub."""

    number: int
    title: str
    body: str
    state: str
    url: str
    author: str
    labels: tuple[str, ...]


def list_labelled(client: RestPort, repo: str, label: str) -> list[Marked]:
    """Issues (not PRs) carrying ``label``, open and closed, newest first (every page)."""
    wanted = {"labels": label, "state": "all", "direction": "desc"}
    found = rest_pages(
        lambda p: client.call(routes.LIST_ISSUES, repo=repo, params={**wanted, **p}),
        f"GET /repos/{repo}/issues",
    )
    return [_marked(i) for i in found if isinstance(i, dict) and "pull_request" not in i]


def _marked(item: dict[str, Any]) -> Marked:
    labels = tuple(str(x.get("name", "")) for x in item.get("labels") or [] if isinstance(x, dict))
    return Marked(
        int(item["number"]),
        str(item.get("title", "")),
        str(item.get("body") or ""),
        str(item.get("state", "open")),
        str(item.get("html_url", "")),
        str((item.get("user") or {}).get("login", "")),
        labels,
    )


def create_once(
    client: RestPort,
    repo: str,
    payload: dict[str, Any],
    refind: Callable[[], Marked | None],
) -> tuple[int, str]:
    """POST an issue; when the answer is lost, re-read by marker before any second try."""
    try:
        made = client.call(routes.CREATE_ISSUE, body=payload, repo=repo)
        return int(made["number"]), str(made["html_url"])
    except OutcomeUnknownError:
        landed = refind()
        if landed is not None:
            return landed.number, landed.url
        made = client.call(routes.CREATE_ISSUE, body=payload, repo=repo)
        return int(made["number"]), str(made["html_url"])


def upsert(
    client: RestPort,
    repo: str,
    existing: Marked | None,
    payload: dict[str, Any],
    refind: Callable[[], Marked | None],
) -> tuple[int, str, Action]:
    """Create the issue, or update it when its title or body differ (at most one write)."""
    if existing is None:
        number, url = create_once(client, repo, payload, refind)
        return number, url, "created"
    if (existing.title, existing.body) == (payload["title"], payload["body"]):
        return existing.number, existing.url, "unchanged"
    client.call(
        routes.UPDATE_ISSUE,
        body={"title": payload["title"], "body": payload["body"]},
        repo=repo,
        number=existing.number,
    )
    return existing.number, existing.url, "updated"


def close_with_note(client: RestPort, repo: str, issue: Marked, note: str) -> None:
    """Append ``note`` and close, in one idempotent write."""
    client.call(
        routes.UPDATE_ISSUE,
        body={
            "body": issue.body.rstrip("\n") + "\n" + note,
            "state": "closed",
            "state_reason": "completed",
        },
        repo=repo,
        number=issue.number,
    )


def comments(client: RestPort, repo: str, number: int) -> list[tuple[str, str]]:
    """(author, body) of an issue's comments (every page)."""
    found = rest_pages(
        lambda p: client.call(routes.LIST_COMMENTS, params=p, repo=repo, number=number),
        f"comments of {repo}#{number}",
    )
    return [(str((c.get("user") or {}).get("login", "")), str(c.get("body") or "")) for c in found]


def file_text(client: RestPort, repo: str, path: str) -> tuple[str, str] | None:
    """(text, blob sha) of a file on the default branch, or None when it does not exist."""
    try:
        found = client.call(routes.GET_CONTENT, repo=repo, path=path)
    except NotFoundError:
        return None
    if not isinstance(found, dict) or found.get("encoding") != "base64":
        return None
    return base64.b64decode(str(found.get("content", ""))).decode("utf-8"), str(found["sha"])
