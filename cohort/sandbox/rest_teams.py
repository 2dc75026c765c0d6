"""REST: teams, team memberships and team repository permissions."""

from __future__ import annotations

import re
from typing import Any

from cohort.sandbox import lookup, rest_invitations, shapes
from cohort.sandbox.state import Org, Team
from cohort.sandbox.wire import (
    ApiError,
    Ctx,
    Request,
    Response,
    invalid,
    not_found,
    op,
    page_response,
)

_PRIVACY = {"closed", "secret"}


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "-", name.lower()).strip("-")


@op("teams/list")
def list_teams(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    teams = sorted(
        (t for t in ctx.state.teams.values() if t.org == org.login), key=lambda t: t.slug
    )
    return page_response(req, [shapes.team(t) for t in teams])


@op("teams/get-by-name")
def get_team(ctx: Ctx, req: Request) -> Response:
    return Response(200, shapes.team_full(ctx.state, lookup.team(ctx, req)))


def _add_member(ctx: Ctx, org: Org, team: Team, login: str, role: str, inviter: str = "") -> str:
    """Add a member; a non-member gets a pending membership and an org invitation."""
    if org.is_member(login):
        team.members[login] = role
        team.pending.pop(login, None)
        return "active"
    rest_invitations.expire(ctx.state, org, ctx.now)
    invitation = next((i for i in org.invitations if i.login == login), None)
    if invitation is None:
        invitation = rest_invitations.invite(ctx, org, login, None, inviter=inviter)
    team.pending[login] = role
    if team.id not in invitation.team_ids:
        invitation.team_ids.append(team.id)
    return "pending"


@op("teams/create")
def create_team(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    data = lookup.body(req)
    name = lookup.require_name(data.get("name"), "Team")
    slug = slugify(name)
    if ctx.state.team(org.login, slug) is not None:
        raise ApiError(
            422,
            "Validation Failed",
            [
                {
                    "resource": "Team",
                    "code": "custom",
                    "field": "name",
                    "message": "Name must be unique for this org",
                }
            ],
        )
    number, node_id = ctx.state.node("Team")
    privacy = data.get("privacy") or "secret"
    team = Team(
        org.login,
        number,
        node_id,
        slug,
        name,
        data.get("description"),
        privacy,
        created_at=ctx.stamp,
        updated_at=ctx.stamp,
    )
    if req.principal.kind == "user" and req.principal.login not in data.get("maintainers", []):
        team.members[req.principal.login] = "maintainer"
    for login in data.get("maintainers", []):
        _add_member(
            ctx, org, team, lookup.user_exists(ctx, login), "maintainer", req.principal.login
        )
    for full_name in data.get("repo_names", []):
        repo_name = full_name.split("/")[-1]
        if ctx.state.repo(org.login, repo_name) is None:
            raise not_found()
        team.repos[f"{org.login}/{repo_name}"] = "pull"
    ctx.state.teams[(org.login, slug)] = team
    return Response(201, shapes.team_full(ctx.state, team))


@op("teams/update-in-org")
def update_team(ctx: Ctx, req: Request) -> Response:
    team = lookup.team(ctx, req)
    data = lookup.body(req)
    if "name" in data and data["name"] != team.name:
        new_slug = slugify(data["name"])
        if new_slug != team.slug and ctx.state.team(team.org, new_slug):
            raise invalid("Team", "already_exists", "name")
        del ctx.state.teams[(team.org, team.slug)]
        team.name, team.slug = data["name"], new_slug
        ctx.state.teams[(team.org, new_slug)] = team
    if "description" in data:
        team.description = data["description"]
    if data.get("privacy") in _PRIVACY:
        team.privacy = data["privacy"]
    team.updated_at = ctx.stamp
    return Response(200, shapes.team_full(ctx.state, team))


@op("teams/list-members-in-org")
def list_members(ctx: Ctx, req: Request) -> Response:
    team = lookup.team(ctx, req)
    role = req.query.get("role", "all")
    logins = [u for u, r in team.members.items() if role in ("all", r)]
    return page_response(req, [shapes.user(ctx.state, u) for u in logins])


def _membership(team: Team, login: str, state: str, role: str) -> dict[str, Any]:
    url = f"{shapes.API}/organizations/{team.org}/team/{team.id}/memberships/{login}"
    return {"url": url, "role": role, "state": state}


@op("teams/get-membership-for-user-in-org")
def get_membership(ctx: Ctx, req: Request) -> Response:
    team = lookup.team(ctx, req)
    rest_invitations.expire(ctx.state, ctx.state.orgs[team.org], ctx.now)
    login = req.params["username"]
    if login in team.members:
        return Response(200, _membership(team, login, "active", team.members[login]))
    if login in team.pending:
        return Response(200, _membership(team, login, "pending", team.pending[login]))
    return Response(404)  # GitHub's description: "if user has no team membership", no body


@op("teams/add-or-update-membership-for-user-in-org")
def put_membership(ctx: Ctx, req: Request) -> Response:
    team = lookup.team(ctx, req)
    login = lookup.user_exists(ctx, req.params["username"])
    role = lookup.body(req).get("role", "member")
    state = _add_member(ctx, ctx.state.orgs[team.org], team, login, role, req.principal.login)
    return Response(200, _membership(team, login, state, role))


@op("teams/remove-membership-for-user-in-org")
def remove_membership(ctx: Ctx, req: Request) -> Response:
    team = lookup.team(ctx, req)
    login = req.params["username"]
    if login not in team.members and login not in team.pending:
        raise not_found()
    team.members.pop(login, None)
    team.pending.pop(login, None)
    return Response(204)


@op("teams/list-pending-invitations-in-org")
def list_pending(ctx: Ctx, req: Request) -> Response:
    team = lookup.team(ctx, req)
    out = []
    for login, role in team.pending.items():
        out.append(
            {
                "id": ctx.state.users[login].id,
                "node_id": ctx.state.users[login].node_id,
                "login": login,
                "email": None,
                "role": "admin" if role == "maintainer" else "direct_member",
                "created_at": team.updated_at,
                "team_count": 1,
                "inviter": shapes.user(ctx.state, ctx.state.orgs[team.org].owners[0]),
                "invitation_teams_url": f"{shapes.API}/organizations/{team.org}/team/{team.id}",
            }
        )
    return page_response(req, out)


@op("teams/list-repos-in-org")
def list_repos(ctx: Ctx, req: Request) -> Response:
    team = lookup.team(ctx, req)
    out = []
    for full_name, perm in sorted(team.repos.items()):
        body = shapes.repo_minimal(ctx.state, ctx.state.repos[full_name])
        body["permissions"] = shapes.permissions_map(perm)
        body["role_name"] = {"pull": "read", "push": "write"}.get(perm, perm)
        out.append(body)
    return page_response(req, out)


@op("teams/add-or-update-repo-permissions-in-org")
def put_repo(ctx: Ctx, req: Request) -> Response:
    team = lookup.team(ctx, req)
    repo = lookup.repo(ctx, req)
    if repo.owner != team.org:
        raise invalid("Team", "custom", "repository")
    team.repos[repo.full_name] = lookup.body(req).get("permission", "push")
    return Response(204)


@op("teams/remove-repo-in-org")
def remove_repo(ctx: Ctx, req: Request) -> Response:
    team = lookup.team(ctx, req)
    repo = lookup.repo(ctx, req)
    team.repos.pop(repo.full_name, None)
    return Response(204)
