"""Read the actual state of everything a cohort manages, with as few requests as possible."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

from cohort.errors import GitHubError
from cohort.github import routes
from cohort.github.batching import BATCH, adaptive
from cohort.github.paging import Pager, Pending, more, rest_pages, send_riding
from cohort.github.ports import GitHubPort
from cohort.github.queries import (
    ORG_MEMBERS,
    REPO_CONNECTIONS,
    TEAM_CONNECTIONS,
    org_owner,
    parse_logins,
    parse_repo,
    parse_team,
    repo_owner,
    repos_query,
    team_owner,
    teams_query,
)
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
TEAM_BATCH = 100  # teams per document: about 300 nodes each, far under 500,000 nodes


def read_actual(
    client: GitHubPort, desired: DesiredState, *, batch: int = BATCH, check_plan: bool = True
) -> ActualState:
    """One document per 100 teams, one per ``batch`` repositories; every connection paged.

    Follow-up pages of long connections ride along in the next batched read, so a no-op
    read stays at ⌈teams/100⌉ + ⌈repos/batch⌉ documents unless a connection is very long.
    """
    pager = Pager()
    viewer, team_nodes = _read_teams(client, desired.org, list(desired.teams), pager)
    members: dict[str, Any] = {}
    if any(node is None for _, node in team_nodes):  # a new team can name its maintainers
        pager.add([Pending(org_owner(desired.org), ORG_MEMBERS, "", members)])
    wanted: Chunk = [(name, _paths(desired, name)) for name in desired.repos]
    repo_nodes = adaptive(
        wanted, batch, lambda chunk: _read_repos(client, desired.org, chunk, pager), _name
    )
    pager.drain(client)
    teams = {slug: parse_team(slug, node) for slug, node in team_nodes}
    repos: dict[str, ActualRepo | None] = {}
    for (name, paths), node in repo_nodes:
        repo = parse_repo(name, paths, node)
        if repo is not None and desired.repos[name].collaborators:
            repo = replace(repo, pending_collaborators=_invitations(client, desired.org, name))
        repos[name] = repo
    plan = _org_plan(client, desired) if check_plan else ""
    return ActualState(desired.org, viewer, plan, teams, repos, parse_logins(members))


def read_teams(
    client: GitHubPort, org: str, slugs: Sequence[str]
) -> tuple[str, dict[str, ActualTeam | None]]:
    """The viewer's login and the named teams, every connection read to its end."""
    pager = Pager()
    viewer, nodes = _read_teams(client, org, slugs, pager)
    pager.drain(client)
    return viewer, {slug: parse_team(slug, node) for slug, node in nodes}


Node = dict[str, Any] | None


def _read_teams(
    client: GitHubPort, org: str, slugs: Sequence[str], pager: Pager
) -> tuple[str, list[tuple[str, Node]]]:
    viewer: list[str] = []

    def read(chunk: list[str]) -> list[tuple[str, Node]]:
        data = send_riding(client, pager, len(chunk), lambda extra: teams_query(org, chunk, extra))
        org_node = data.get("organization")
        if org_node is None:
            raise GitHubError(f"organization '{org}' was not found or is not visible to this token")
        viewer.append(str(data["viewer"]["login"]))
        nodes = [(slug, org_node.get(f"t{i}")) for i, slug in enumerate(chunk)]
        for slug, node in nodes:
            pager.add(more(node, team_owner(org, slug), TEAM_CONNECTIONS))
        return nodes

    nodes = adaptive(list(slugs), TEAM_BATCH, read, str)
    if not viewer:  # no team to read: the viewer alone
        read([])
    return viewer[0], nodes


def _paths(desired: DesiredState, name: str) -> list[str]:
    return sorted({STAMP_PATH, *desired.repos[name].managed_files})


Chunk = list[tuple[str, Sequence[str]]]


def _name(item: tuple[str, Sequence[str]]) -> str:
    return item[0]


def _read_repos(
    client: GitHubPort, org: str, chunk: Chunk, pager: Pager
) -> list[tuple[tuple[str, Sequence[str]], Node]]:
    data = send_riding(client, pager, len(chunk), lambda extra: repos_query(org, chunk, extra))
    nodes = [(item, data.get(f"r{i}")) for i, item in enumerate(chunk)]
    for (name, _), node in nodes:
        pager.add(more(node, repo_owner(org, name), REPO_CONNECTIONS))
    return nodes


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
    out: dict[str, Permission] = {}
    where = f"{org}/{repo}"
    pages = rest_pages(lambda p: client.call(routes.LIST_INVITATIONS, params=p, repo=where))
    for item in pages:
        invitee = item.get("invitee") if isinstance(item, dict) else None
        permission = INVITED.get(str(item.get("permissions")), "push") if invitee else None
        if isinstance(invitee, dict) and permission:
            out[str(invitee["login"])] = cast(Permission, permission)
    return out
