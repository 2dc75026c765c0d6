"""Read the actual state of everything a cohort manages, with as few requests as possible."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from cohort.errors import GitHubError
from cohort.github import routes
from cohort.github.batching import BATCH, adaptive, query_batch, raise_unexpected
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
READ_NEEDS = (routes.GET_ORG, routes.LIST_INVITATIONS, routes.READ_GRAPHQL)


def read_actual(
    client: GitHubPort, desired: DesiredState, *, batch: int = BATCH, check_plan: bool = True
) -> ActualState:
    """One document for the teams (and viewer), then one per ``batch`` repositories."""
    viewer, teams = read_teams(client, desired.org, list(desired.teams))
    repos: dict[str, ActualRepo | None] = {}
    wanted: Chunk = [(name, _paths(desired, name)) for name in desired.repos]
    for name, repo in adaptive(
        wanted, batch, lambda chunk: _read_repos(client, desired.org, chunk), lambda i: i[0]
    ):
        if repo is not None and desired.repos[name].collaborators:
            repo = replace(repo, pending_collaborators=_invitations(client, desired.org, name))
        repos[name] = repo
    plan = _org_plan(client, desired) if check_plan else ""
    return ActualState(desired.org, viewer, plan, dict(teams), repos)


def read_teams(
    client: GitHubPort, org: str, slugs: Sequence[str]
) -> tuple[str, dict[str, ActualTeam | None]]:
    result = client.graphql(teams_query(org, slugs))
    raise_unexpected(result)
    org_node = result.data.get("organization")
    if org_node is None:
        raise GitHubError(f"organization '{org}' was not found or is not visible to this token")
    teams = {slug: parse_team(slug, org_node.get(f"t{i}")) for i, slug in enumerate(slugs)}
    return str(result.data["viewer"]["login"]), teams


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
