"""REST: organizations, members and organization invitations."""

from __future__ import annotations

from typing import Any

from cohort.sandbox import lookup, rest_invitations, shapes
from cohort.sandbox.state import OrgInvitation
from cohort.sandbox.wire import ApiError, Ctx, Request, Response, invalid, op, page_response


@op("orgs/get")
def get_org(ctx: Ctx, req: Request) -> Response:
    return Response(200, shapes.org_full(ctx.state, lookup.org(ctx, req)))


@op("orgs/list-members")
def list_members(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    role = req.query.get("role", "all")
    logins = {"admin": org.owners, "member": org.members}.get(role, org.owners + org.members)
    users = [shapes.user(ctx.state, u) for u in sorted(logins, key=str.lower)]
    return page_response(req, users)


@op("orgs/get-membership-for-user")
def get_membership(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    login = req.params["username"]
    rest_invitations.expire(ctx.state, org, ctx.now)
    role = org.role(login)
    pending = any(i.login == login for i in org.invitations)
    if role is None and not pending:
        raise ApiError(404, "Not Found")
    body = {
        "url": f"{shapes.API}/orgs/{org.login}/memberships/{login}",
        "state": "active" if role else "pending",
        "role": role or "member",
        "organization_url": f"{shapes.API}/orgs/{org.login}",
        "organization": shapes.org_simple(org),
        "user": shapes.user(ctx.state, login),
    }
    return Response(200, body)


def invitation_body(ctx: Ctx, org_login: str, inv: OrgInvitation) -> dict[str, Any]:
    return {
        "id": inv.id,
        "node_id": inv.node_id,
        "login": inv.login,
        "email": inv.email,
        "role": inv.role,
        "created_at": inv.created_at,
        "failed_at": inv.failed_at,
        "failed_reason": inv.failed_reason,
        "inviter": shapes.user(ctx.state, inv.inviter),
        "team_count": len(inv.team_ids),
        "invitation_teams_url": (
            f"{shapes.API}/organizations/{org_login}/invitations/{inv.id}/teams"
        ),
        "invitation_source": "member",
    }


@op("orgs/list-pending-invitations")
def list_invitations(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    rest_invitations.expire(ctx.state, org, ctx.now)
    return page_response(req, [invitation_body(ctx, org.login, i) for i in org.invitations])


@op("orgs/list-failed-invitations")
def list_failed_invitations(ctx: Ctx, req: Request) -> Response:
    """Invitations that expired (oldest first), as GitHub lists them until someone deletes them."""
    org = lookup.org(ctx, req)
    rest_invitations.expire(ctx.state, org, ctx.now)
    return page_response(req, [invitation_body(ctx, org.login, i) for i in org.expired])


@op("orgs/create-invitation")
def create_invitation(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    data = lookup.body(req)
    invitee = ctx.state.users_by_id().get(data.get("invitee_id", -1))
    email = data.get("email")
    if invitee is None and not email:
        raise invalid("OrganizationInvitation", "missing_field", "invitee_id")
    login = invitee.login if invitee else None
    rest_invitations.expire(ctx.state, org, ctx.now)  # an expired invitation is not pending
    if login and (org.is_member(login) or any(i.login == login for i in org.invitations)):
        raise invalid("OrganizationInvitation", "already_exists", "invitee_id")
    role = {"admin": "admin", "billing_manager": "billing_manager"}.get(
        data.get("role", "direct_member"), "direct_member"
    )
    inv = rest_invitations.invite(
        ctx,
        org,
        login,
        email,
        role=role,
        inviter=req.principal.login,
        team_ids=data.get("team_ids", []),
    )
    for team_id in inv.team_ids:
        team = ctx.state.team_by_id(team_id)
        if team is not None and login:
            team.pending.setdefault(login, "member")
    return Response(201, invitation_body(ctx, org.login, inv))
