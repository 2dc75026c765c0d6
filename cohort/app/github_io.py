"""The App's only GitHub I/O: read what ``decide`` needs, then apply the changes."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from cohort.app import endpoints as ep
from cohort.app.events import label_names, logins
from cohort.app.reactions import Comment, Reaction, RequestReview, SetLabels, TrackInstallation
from cohort.app.size import ChangedFile
from cohort.errors import NotFoundError
from cohort.github.ports import RestPort

MAX_FILE_PAGES = 30  # GitHub lists at most 3,000 files of a pull request
MAX_PULL_PAGES = 5
MAX_COMMENT_PAGES = 10

Tracker = Callable[[TrackInstallation], None]


def pull_files(client: RestPort, repo: str, num: int) -> tuple[ChangedFile, ...]:
    """The changed files of a pull request (paginated, bounded)."""
    out: list[ChangedFile] = []
    for page in range(1, MAX_FILE_PAGES + 1):
        params = {"per_page": 100, "page": page}
        items = client.call(ep.LIST_FILES, params=params, repo=repo, number=num) or []
        out += [
            ChangedFile(
                str(f.get("filename", "")),
                int(f.get("additions") or 0),
                int(f.get("deletions") or 0),
            )
            for f in items
            if isinstance(f, dict)
        ]
        if len(items) < 100:
            break
    return tuple(out)


def open_pulls(client: RestPort, repo: str) -> list[dict[str, Any]]:
    """Open pull requests of a repository (their labels and requested reviewers)."""
    out: list[dict[str, Any]] = []
    for page in range(1, MAX_PULL_PAGES + 1):
        params = {"state": "open", "per_page": 100, "page": page}
        items = client.call(ep.LIST_PULLS, params=params, repo=repo) or []
        out += [p for p in items if isinstance(p, dict)]
        if len(items) < 100:
            break
    return out


def review_load(pulls: list[dict[str, Any]]) -> dict[str, int]:
    """Open review requests per lower-case login."""
    load: dict[str, int] = {}
    for pr in pulls:
        for login in logins(pr.get("requested_reviewers")):
            load[login.lower()] = load.get(login.lower(), 0) + 1
    return load


def fresh_state(pulls: list[dict[str, Any]], num: int) -> tuple[frozenset[str] | None, ...]:
    """(labels, requested reviewers) of pull request ``num`` from a listing, if it is there."""
    for pr in pulls:
        if pr.get("number") == num:
            requested = frozenset(x.lower() for x in logins(pr.get("requested_reviewers")))
            return label_names(pr.get("labels")), requested
    return None, None


def has_comment_with(client: RestPort, repo: str, num: int, needle: str) -> bool:
    """Whether a comment on issue/PR ``num`` contains ``needle`` (paginated, bounded)."""
    for page in range(1, MAX_COMMENT_PAGES + 1):
        params = {"per_page": 100, "page": page}
        items = client.call(ep.LIST_COMMENTS, params=params, repo=repo, number=num) or []
        if any(isinstance(c, dict) and needle in str(c.get("body") or "") for c in items):
            return True
        if len(items) < 100:
            return False
    return False


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
    """One write: add when nothing goes away, otherwise set the whole list."""
    repo, number = change.repo, change.number
    if not change.removed:
        client.call(ep.ADD_LABELS, body={"labels": sorted(change.added)}, repo=repo, number=number)
    else:
        client.call(ep.SET_LABELS, body={"labels": sorted(change.after)}, repo=repo, number=number)
    return 1
