"""The App's only GitHub I/O: read what ``decide`` needs, then apply the changes."""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from cohort.app import endpoints as ep
from cohort.app.events import logins
from cohort.app.pull_state import PullState, pull_state
from cohort.app.reactions import (
    Comment,
    Reaction,
    RemoveReviewers,
    RequestReview,
    SetLabels,
    TrackInstallation,
)
from cohort.app.size import ChangedFile
from cohort.errors import NotFoundError
from cohort.github.ports import RestPort
from cohort.github.routes import Route

MAX_FILE_PAGES = 30  # GitHub lists at most 3,000 files of a pull request
MAX_PULL_PAGES = 5
MAX_REVIEW_PAGES = 10
MAX_COMMENT_PAGES = 10

Tracker = Callable[[TrackInstallation], None]


def _pages(
    client: RestPort, route: Route, most: int, extra: dict[str, Any] | None = None, **where: Any
) -> list[dict[str, Any]]:
    """Every item of a paginated listing, oldest first, up to ``most`` pages of 100."""
    out: list[dict[str, Any]] = []
    for page in range(1, most + 1):
        params = {**(extra or {}), "per_page": 100, "page": page}
        items = client.call(route, params=params, **where) or []
        out += [i for i in items if isinstance(i, dict)]
        if len(items) < 100:
            break
    return out


def pull_files(client: RestPort, repo: str, num: int) -> tuple[ChangedFile, ...]:
    """The changed files of a pull request (paginated, bounded)."""
    return tuple(
        ChangedFile(
            str(f.get("filename", "")), int(f.get("additions") or 0), int(f.get("deletions") or 0)
        )
        for f in _pages(client, ep.LIST_FILES, MAX_FILE_PAGES, repo=repo, number=num)
    )


def open_pulls(client: RestPort, repo: str) -> list[dict[str, Any]]:
    """Open pull requests of a repository (their labels and requested reviewers)."""
    return _pages(client, ep.LIST_PULLS, MAX_PULL_PAGES, {"state": "open"}, repo=repo)


def reviews(client: RestPort, repo: str, num: int) -> list[dict[str, Any]]:
    """A pull request's reviews, oldest first."""
    return _pages(client, ep.LIST_REVIEWS, MAX_REVIEW_PAGES, repo=repo, number=num)


def current_pull(client: RestPort, repo: str, num: int) -> PullState:
    """The pull request and its reviews as GitHub shows them now (2 reads for most PRs)."""
    pr = client.call(ep.GET_PULL, repo=repo, number=num)
    return pull_state(pr, reviews(client, repo, num))


def commit_time(client: RestPort, repo: str, sha: str) -> str:
    """When a commit was committed (``committer.date``), or "" when unknown."""
    commit = client.call(ep.GET_COMMIT, repo=repo, sha=sha)
    committer = commit.get("committer") if isinstance(commit, dict) else None
    return str(committer.get("date") or "") if isinstance(committer, dict) else ""


def comments(client: RestPort, repo: str, num: int) -> list[dict[str, Any]]:
    """An issue's (or pull request's) comments, oldest first."""
    return _pages(client, ep.LIST_COMMENTS, MAX_COMMENT_PAGES, repo=repo, number=num)


def comment_bodies(client: RestPort, repo: str, num: int) -> tuple[str, ...]:
    """The bodies of an issue's (or PR's) comments, oldest first."""
    return tuple(str(c.get("body") or "") for c in comments(client, repo, num))


def review_load(pulls: list[dict[str, Any]]) -> dict[str, int]:
    """Open review requests per lower-case login."""
    load: dict[str, int] = {}
    for pr in pulls:
        for login in logins(pr.get("requested_reviewers")):
            load[login.lower()] = load.get(login.lower(), 0) + 1
    return load


def has_comment_with(client: RestPort, repo: str, num: int, needle: str) -> bool:
    """Whether a comment on issue/PR ``num`` contains ``needle`` (paginated, bounded)."""
    return any(needle in body for body in comment_bodies(client, repo, num))


def file_text(client: RestPort, repo: str, path: str, ref: str | None = None) -> bytes | None:
    """A file's bytes from the contents API, or None when it does not exist."""
    params = {"ref": ref} if ref else None
    try:
        found = client.call(ep.GET_CONTENT, params=params, repo=repo, path=path)
    except NotFoundError:
        return None
    if not isinstance(found, dict) or found.get("encoding") != "base64":
        return None
    return base64.b64decode(str(found.get("content", "")))


def apply(client: RestPort, changes: list[Reaction], track: Tracker | None = None) -> int:
    """Carry out the changes; returns the number of GitHub writes sent."""
    writes = 0
    for change in changes:
        if isinstance(change, SetLabels):
            writes += _labels(client, change)
        elif isinstance(change, RequestReview):
            body = {"reviewers": list(change.reviewers)}
            client.call(ep.REQUEST_REVIEWERS, body=body, repo=change.repo, number=change.number)
            writes += 1
        elif isinstance(change, RemoveReviewers):
            gone = {"reviewers": list(change.reviewers), "team_reviewers": list(change.teams)}
            client.call(ep.REMOVE_REVIEWERS, body=gone, repo=change.repo, number=change.number)
            writes += 1
        elif isinstance(change, Comment):
            text = {"body": change.body}
            client.call(ep.CREATE_COMMENT, body=text, repo=change.repo, number=change.number)
            writes += 1
        elif track is not None:
            track(change)
    return writes


def apply_local(changes: list[Reaction], track: Tracker | None) -> None:
    """Record installation changes (they never touch GitHub)."""
    for change in changes:
        if isinstance(change, TrackInstallation) and track is not None:
            track(change)


def _labels(client: RestPort, change: SetLabels) -> int:
    """Add when nothing goes away, remove when nothing comes, otherwise set the whole list."""
    repo, number = change.repo, change.number
    if not change.removed:
        client.call(ep.ADD_LABELS, body={"labels": sorted(change.added)}, repo=repo, number=number)
        return 1
    if not change.added and (len(change.removed) == 1 or not change.after):
        for name in sorted(change.removed):  # GitHub refuses to set an empty list
            with contextlib.suppress(NotFoundError):  # already gone: the state we want
                client.call(ep.REMOVE_LABEL, repo=repo, number=number, name=quote(name, safe=""))
        return len(change.removed)
    client.call(ep.SET_LABELS, body={"labels": sorted(change.after)}, repo=repo, number=number)
    return 1
