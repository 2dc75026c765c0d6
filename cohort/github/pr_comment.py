"""The plan comment on GitHub: create or update it in place, and read the merged PR's one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cohort.errors import NotFoundError, UnprocessableError
from cohort.github import routes
from cohort.github.ports import RestPort
from cohort.github.routes import Route
from cohort.workflow.plan_comment import (
    DEFAULT_AUTHOR,
    ReviewedPlan,
    find_plan_comment,
    is_plan_comment,
    parse_reviewed,
)

PAGE = 100


@dataclass(frozen=True)
class Posted:
    """What happened to the plan comment: ``created``, ``updated`` or ``unchanged``."""

    action: str
    comment_id: int
    url: str


def _pages(
    client: RestPort, route: Route, params: Mapping[str, Any] | None = None, **where: str | int
) -> Iterator[Any]:
    page = 1
    while True:
        paged = {**(params or {}), "per_page": PAGE, "page": page}
        batch = client.rest(route.method, route.url(**where), params=paged)
        if not isinstance(batch, list):
            return
        yield from batch
        if len(batch) < PAGE:
            return
        page += 1


def list_comments(client: RestPort, repository: str, number: int) -> list[dict[str, Any]]:
    """Every comment of an issue or pull request, oldest first."""
    return list(_pages(client, routes.LIST_COMMENTS, repo=repository, number=number))


def upsert_plan_comment(
    client: RestPort, repository: str, number: int, body: str, *, author: str = DEFAULT_AUTHOR
) -> Posted:
    """Update the PR's plan comment in place, or create it: at most one write request."""
    existing = find_plan_comment(list_comments(client, repository, number), author)
    if existing is None:
        made = client.call(
            routes.CREATE_COMMENT, body={"body": body}, repo=repository, number=number
        )
        return Posted("created", int(made["id"]), str(made.get("html_url", "")))
    comment_id = int(existing["id"])
    if existing.get("body") == body:
        return Posted("unchanged", comment_id, str(existing.get("html_url", "")))
    updated = client.call(
        routes.UPDATE_COMMENT, body={"body": body}, repo=repository, comment_id=comment_id
    )
    return Posted("updated", comment_id, str(updated.get("html_url", "")))


def pull_for_commit(client: RestPort, repository: str, sha: str) -> dict[str, Any] | None:
    """The merged pull request that produced commit ``sha`` on the base branch, if any."""
    try:
        associated = client.call(routes.PULLS_FOR_COMMIT, repo=repository, sha=sha)
    except (NotFoundError, UnprocessableError):  # no such endpoint, or an unknown sha
        associated = None
    candidates = associated if isinstance(associated, list) else []
    for pr in candidates:
        if pr.get("merge_commit_sha") == sha or pr.get("merged_at"):
            return dict(pr)
    if associated is not None and candidates:
        return dict(candidates[0])
    params = {"state": "closed", "sort": "updated", "direction": "desc"}
    for pr in _pages(client, routes.LIST_PULLS, params, repo=repository):
        if pr.get("merge_commit_sha") == sha:
            return dict(pr)
    return None


def reviewed_plan_for_commit(
    client: RestPort, repository: str, sha: str, *, key: bytes, author: str = DEFAULT_AUTHOR
) -> tuple[ReviewedPlan | None, str]:
    """The plan reviewed on the PR that produced ``sha``, and a sentence saying where from.

    Only a comment by ``author`` whose reviewed marker is signed with ``key`` for this
    repository, this pull request and its merged head counts; an edited or copied marker
    does not verify, and then nothing was reviewed.
    """
    pr = pull_for_commit(client, repository, sha)
    if pr is None:
        return None, f"no merged pull request produced {sha[:12]}"
    number = int(pr["number"])
    head = str(((pr.get("head") or {}).get("sha")) or "")
    comments = [c for c in list_comments(client, repository, number) if is_plan_comment(c, author)]
    if not comments:
        return None, f"pull request #{number} has no plan comment by {author}"
    for comment in reversed(comments):
        reviewed = parse_reviewed(str(comment.get("body") or ""))
        if reviewed is None or not reviewed.verified(key):
            continue
        if reviewed.repository != repository or reviewed.number != number:
            continue
        if head and reviewed.head_sha != head:
            return None, (
                f"the plan comment on #{number} was made at {reviewed.head_sha[:12]}, "
                f"not at the merged head {head[:12]}"
            )
        return reviewed, f"plan reviewed on #{number} (digest {reviewed.digest[:12]}, signed)"
    return None, (
        f"no plan comment on #{number} carries a valid signature for {repository}#{number} "
        "(edited, copied or unsigned)"
    )
