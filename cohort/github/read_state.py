"""Read the actual state of everything a cohort manages, with as few requests as possible."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from cohort.errors import GitHubError, NotFoundError
from cohort.github import routes
from cohort.github.batching import BATCH, adaptive, query_batch, raise_unexpected
from cohort.github.invitations_io import read_people
from cohort.github.ports import GitHubPort
from cohort.github.queries import parse_repo, parse_team, repos_query, teams_query
from cohort.reconcile.model import (
    STAMP_PATH,
    ActualRepo,
    ActualState,
    ActualTeam,
    DesiredState,
    Permission,
)

# What reading the actual state calls (GraphQL reads are batched queries).
READ_NEEDS = (
    routes.GET_ORG,
    routes.LIST_INVITATIONS,
    routes.READ_GRAPHQL,
    routes.GET_PAGES,
    routes.LIST_ORG_INVITATIONS,
    routes.LIST_ORG_MEMBERS,
)


def read_actual(
    client: GitHubPort, desired: DesiredState, *, batch: int = BATCH, check_plan: bool = True
) -> ActualState:
    """One document for the teams (and viewer), then one per ``batch`` repositories."""
    viewer, teams, named = _teams(client, desired.org, list(desired.teams), desired.prefix)
    repos: dict[str, ActualRepo | None] = {}
    wanted: Chunk = [(name, _paths(desired, name)) for name in desired.repos]
    for name, repo in adaptive(
        wanted, batch, lambda chunk: _read_repos(client, desired.org, chunk), lambda i: i[0]
    ):
        if repo is not None and desired.repos[name].collaborators:
            repo = replace(repo, pending_collaborators=_invitations(client, desired.org, name))
        if repo is not None and desired.repos[name].pages and not repo.file_oids.get(STAMP_PATH):
            repo = replace(repo, pages=_pages(client, desired.org, name))  # until scaffolded
        repos[name] = repo
    plan = _org_plan(client, desired) if check_plan else ""
    actual = ActualState(desired.org, viewer, plan, dict(teams), repos)
    actual = _read_retired(client, desired, actual, [s for s in named if s not in desired.teams])
    return read_people(client, desired, actual)  # invitations, org members: when they matter


def read_teams(
    client: GitHubPort, org: str, slugs: Sequence[str]
) -> tuple[str, dict[str, ActualTeam | None]]:
    viewer, teams, _ = _teams(client, org, slugs)
    return viewer, teams


def _teams(
    client: GitHubPort, org: str, slugs: Sequence[str], prefix: str = ""
) -> tuple[str, dict[str, ActualTeam | None], list[str]]:
    """viewer, the named teams, and the slugs of the org's teams that start with ``prefix``."""
    result = client.graphql(teams_query(org, slugs, prefix))
    raise_unexpected(result)
    org_node = result.data.get("organization")
    if org_node is None:
        raise GitHubError(f"organization '{org}' was not found or is not visible to this token")
    teams = {slug: parse_team(slug, org_node.get(f"t{i}")) for i, slug in enumerate(slugs)}
    named = [
        str(n["slug"])
        for n in ((org_node.get("named") or {}).get("nodes") or [])
        if n and prefix and str(n.get("slug", "")).startswith(prefix)
    ]
    return str(result.data["viewer"]["login"]), teams, named


def _read_retired(
    client: GitHubPort, desired: DesiredState, actual: ActualState, slugs: list[str]
) -> ActualState:
    """Teams cohort.yml no longer lists, and those of their repos that carry the marker."""
    if not slugs:
        return actual
    _, found, _ = _teams(client, desired.org, slugs)
    retired = {slug: team for slug, team in found.items() if team is not None}
    names = sorted(
        {r for t in retired.values() for r in t.repos if r.startswith(desired.prefix)}
        - set(desired.repos)
    )
    marked: dict[str, ActualRepo] = {}
    if names:
        chunk: Chunk = [(n, []) for n in names]
        result = query_batch(client, repos_query(desired.org, chunk), len(names))
        for i, name in enumerate(names):
            repo = parse_repo(name, [], result.data.get(f"r{i}"))
            if repo is not None and set(desired.topics) <= set(repo.topics):
                marked[name] = repo
    return replace(actual, retired=retired, retired_repos=marked)


def _paths(desired: DesiredState, name: str) -> list[str]:
    return sorted({STAMP_PATH, *desired.repos[name].managed_files})


Chunk = list[tuple[str, Sequence[str]]]


def _read_repos(client: GitHubPort, org: str, chunk: Chunk) -> list[tuple[str, ActualRepo | None]]:
    result = query_batch(client, repos_query(org, chunk), len(chunk))
    return [
        (name, parse_repo(name, paths, result.data.get(f"r{i}")))
        for i, (name, paths) in enumerate(chunk)
    ]


def _org_plan(client: GitHubPort, desired: DesiredState) -> str:
    """The organization's plan name, only when it matters (private repos with protection)."""
    if not any(r.visibility != "public" and r.protection for r in desired.repos.values()):
        return ""
    body = client.call(routes.GET_ORG, org=desired.org)
    plan = body.get("plan") if isinstance(body, dict) else None
    return str(plan.get("name", "")) if isinstance(plan, dict) else ""


def _pages(client: GitHubPort, org: str, repo: str) -> str | None:
    """The repository's Pages build type, or None without a site (GitHub answers 404)."""
    try:
        body = client.call(routes.GET_PAGES, repo=f"{org}/{repo}")
    except NotFoundError:
        return None
    return str(body.get("build_type") or "legacy") if isinstance(body, dict) else None


INVITED = {
    "read": "pull",
    "triage": "triage",
    "write": "push",
    "maintain": "maintain",
    "admin": "admin",
}


def _invitations(client: GitHubPort, org: str, repo: str) -> dict[str, Permission]:
    """Pending repository invitations (GraphQL has none): one read, only where cohort grants."""
    body = client.call(routes.LIST_INVITATIONS, params={"per_page": 100}, repo=f"{org}/{repo}")
    out: dict[str, Permission] = {}
    for item in body if isinstance(body, list) else []:
        invitee = item.get("invitee") if isinstance(item, dict) else None
        permission = INVITED.get(str(item.get("permissions")), "push") if invitee else None
        if isinstance(invitee, dict) and permission:
            out[str(invitee["login"])] = cast(Permission, permission)
    return out
