"""Read the actual state of everything a cohort manages, with as few requests as possible."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cohort.errors import GitHubError
from cohort.github.client import Client, GraphQLResult
from cohort.github.queries import parse_repo, parse_team, repos_query, teams_query
from cohort.github.transport import ReadFailedError
from cohort.reconcile.model import (
    STAMP_PATH,
    ActualRepo,
    ActualState,
    ActualTeam,
    DesiredState,
)

SHRINK_ON = {"RESOURCE_LIMITS_EXCEEDED", "TIMEOUT", "MAX_NODE_LIMIT_EXCEEDED"}
BATCH = 25


def read_actual(
    client: Client, desired: DesiredState, *, batch: int = BATCH, check_plan: bool = True
) -> ActualState:
    """One document for the teams (and viewer), then one per ``batch`` repositories."""
    viewer, teams = read_teams(client, desired.org, list(desired.teams))
    repos: dict[str, ActualRepo | None] = {}
    wanted: Chunk = [(name, _paths(desired, name)) for name in desired.repos]
    for name, repo in _adaptive(
        wanted, batch, lambda chunk: _read_repos(client, desired.org, chunk)
    ):
        repos[name] = repo
    plan = _org_plan(client, desired) if check_plan else ""
    return ActualState(desired.org, viewer, plan, dict(teams), repos)


def read_teams(
    client: Client, org: str, slugs: Sequence[str]
) -> tuple[str, dict[str, ActualTeam | None]]:
    result = client.graphql(teams_query(org, slugs))
    _raise_unexpected(result, allow_missing=True)
    org_node = result.data.get("organization")
    if org_node is None:
        raise GitHubError(f"organization '{org}' was not found or is not visible to this token")
    teams = {slug: parse_team(slug, org_node.get(f"t{i}")) for i, slug in enumerate(slugs)}
    return str(result.data["viewer"]["login"]), teams


def _paths(desired: DesiredState, name: str) -> list[str]:
    return sorted({STAMP_PATH, *desired.repos[name].managed_files})


Chunk = list[tuple[str, Sequence[str]]]


def _adaptive(
    items: Chunk,
    size: int,
    read: Callable[[Chunk], list[tuple[str, ActualRepo | None]]],
) -> list[tuple[str, ActualRepo | None]]:
    """Read in chunks of ``size``; halve a chunk the server found too big."""
    out: list[tuple[str, ActualRepo | None]] = []
    pending = [items[i : i + size] for i in range(0, len(items), size)]
    while pending:
        chunk = pending.pop(0)
        try:
            out += read(chunk)
        except _TooBig:
            if len(chunk) == 1:
                raise GitHubError(f"GitHub could not answer a read of '{chunk[0][0]}'") from None
            half = len(chunk) // 2
            pending[:0] = [chunk[:half], chunk[half:]]
    return out


class _TooBig(Exception):
    """The server refused a batch as too expensive or too slow."""


def _read_repos(client: Client, org: str, chunk: Chunk) -> list[tuple[str, ActualRepo | None]]:
    try:
        result = client.graphql(repos_query(org, chunk))
    except ReadFailedError:
        if len(chunk) > 1:
            raise _TooBig from None
        raise
    if result.error_types() & SHRINK_ON or (
        not result.data
        and result.errors
        and len(chunk) > 1
        and "limit" in str(result.errors).lower()
    ):
        raise _TooBig
    _raise_unexpected(result, allow_missing=True)
    return [
        (name, parse_repo(name, paths, result.data.get(f"r{i}")))
        for i, (name, paths) in enumerate(chunk)
    ]


def _raise_unexpected(result: GraphQLResult, *, allow_missing: bool) -> None:
    bad = [e for e in result.errors if not (allow_missing and e.get("type") == "NOT_FOUND")]
    if bad:
        raise GitHubError("GraphQL error: " + "; ".join(str(e.get("message")) for e in bad[:3]))


def _org_plan(client: Client, desired: DesiredState) -> str:
    """The organization's plan name, only when it matters (private repos with protection)."""
    if not any(r.visibility != "public" and r.protection for r in desired.repos.values()):
        return ""
    body = client.rest("GET", f"/orgs/{desired.org}")
    plan = body.get("plan") if isinstance(body, dict) else None
    return str(plan.get("name", "")) if isinstance(plan, dict) else ""
