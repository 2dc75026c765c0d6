"""REST: the invitation lifecycle: invite (with GitHub's limits), expire, accept, cancel.

GitHub's rules, from "Inviting users to join your organization" (docs.github.com):
- "You can invite up to 50 people within a 24-hour period. If your organization is more than
  one month old or on a paid plan, the limit is 500 people." (``Org.established`` is the
  sandbox's setting for "more than one month old"; ``plan`` other than free counts as paid.)
- "Invitations expire after 7 days": an expired invitation is no longer pending, its pending
  team memberships go with it and it can no longer be accepted (measured on the sandbox clock).
  It is listed instead by ``GET /orgs/{org}/failed_invitations`` with ``failed_at`` (the moment
  it expired) and ``failed_reason``; sending a new invitation does not remove that record (a
  failed invitation is "not automatically resent or deleted"), so a client must compare it
  with the pending list.
- Until the person accepts, they are not a member: no team membership, no repository access.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from cohort.sandbox import lookup, shapes
from cohort.sandbox.state import Org, OrgInvitation, Repo, State
from cohort.sandbox.wire import (
    ApiError,
    Ctx,
    Request,
    Response,
    iso,
    not_found,
    op,
    page_response,
)

DAY = 86400.0
EXPIRY = 7 * DAY


@functools.lru_cache(maxsize=65536)
def _when(stamp: str) -> float:
    return dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC).timestamp()


def limit(org: Org) -> int:
    """How many invitations GitHub lets this organization send per 24 hours."""
    return 500 if org.established or org.plan != "free" else 50


EXPIRED_REASON = "Invitation expired"


def expire(state: State, org: Org, now: float) -> None:
    """Move invitations older than 7 days to the failed list, dropping the pending team
    memberships they carried."""
    expired = [i for i in org.invitations if now - _when(i.created_at) >= EXPIRY]
    if not expired:
        return
    org.invitations = [i for i in org.invitations if i not in expired]
    for inv in expired:
        inv.failed_at = iso(_when(inv.created_at) + EXPIRY)
        inv.failed_reason = EXPIRED_REASON
    org.expired.extend(expired)
    gone = {i.login for i in expired if i.login}
    for team in state.teams.values():
        if team.org == org.login:
            for login in gone & set(team.pending):
                del team.pending[login]


def expire_repo(repo: Repo, now: float) -> None:
    """Drop repository invitations older than 7 days ("Invitations to collaborate on a
    repository expire after 7 days", docs: "Inviting collaborators to a personal repository")."""
    repo.invitations = [i for i in repo.invitations if now - _when(i.created_at) < EXPIRY]


def check_limit(org: Org, now: float) -> None:
    """Refuse an invitation over GitHub's 24-hour limit (422, GitHub's validation shape)."""
    org.sent = [s for s in org.sent if now - _when(s) < DAY]
    stamps = [i.created_at for i in org.invitations] + org.sent  # expired ones are 7 days old
    if sum(1 for stamp in stamps if now - _when(stamp) < DAY) >= limit(org):
        raise ApiError(
            422,
            "Validation Failed",
            [
                {
                    "resource": "OrganizationInvitation",
                    "code": "custom",
                    "field": "data",
                    "message": "Over invitation rate limit",
                }
            ],
        )


def invite(ctx: Ctx, org: Org, login: str | None, email: str | None, **kw: Any) -> OrgInvitation:
    """A new pending org invitation, after expiring old ones and checking the limit."""
    expire(ctx.state, org, ctx.now)
    check_limit(org, ctx.now)
    number, node_id = ctx.state.node("OrganizationInvitation")
    inv = OrgInvitation(
        number,
        node_id,
        login,
        email,
        kw.get("role", "direct_member"),
        kw.get("inviter") or org.owners[0],
        ctx.stamp,
        list(kw.get("team_ids", [])),
    )
    org.invitations.append(inv)
    ctx.created += 1
    return inv


def accept(state: State, login: str, now: float) -> list[str]:
    """``login`` accepts every pending invitation (org, teams, repositories); what changed."""
    done: list[str] = []
    for org in state.orgs.values():
        expire(state, org, now)
        mine = [i for i in org.invitations if i.login and i.login.lower() == login.lower()]
        if mine:
            org.invitations = [i for i in org.invitations if i not in mine]
            org.sent.extend(i.created_at for i in mine)
            if not org.is_member(login):
                org.members.append(login)
            done.append(f"member of {org.login}")
    for team in state.teams.values():
        if login in team.pending and state.orgs[team.org].is_member(login):
            team.members[login] = team.pending.pop(login)
            done.append(f"member of team {team.org}/{team.slug}")
    for repo in state.repos.values():
        expire_repo(repo, now)
        for inv in [i for i in repo.invitations if i.invitee.lower() == login.lower()]:
            repo.collaborators[login] = inv.permission
            repo.invitations.remove(inv)
            done.append(f"collaborator on {repo.full_name}")
    return done


@op("repos/accept-invitation-for-authenticated-user")
def accept_repo_invitation(ctx: Ctx, req: Request) -> Response:
    number = int(req.params["invitation_id"])
    login = req.principal.login
    for repo in ctx.state.repos.values():
        expire_repo(repo, ctx.now)
        inv = next((i for i in repo.invitations if i.id == number), None)
        if inv is not None and inv.invitee.lower() == login.lower():
            repo.collaborators[inv.invitee] = inv.permission
            repo.invitations.remove(inv)
            return Response(204)
    raise not_found()


@op("orgs/update-membership-for-authenticated-user")
def accept_org_invitation(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    login = req.principal.login
    expire(ctx.state, org, ctx.now)
    pending = any(i.login and i.login.lower() == login.lower() for i in org.invitations)
    if not pending and not org.is_member(login):
        raise ApiError(403, "You must be a member of this organization to do that.")
    if pending:
        accept(ctx.state, login, ctx.now)
    body = {
        "url": f"{shapes.API}/orgs/{org.login}/memberships/{login}",
        "state": "active",
        "role": org.role(login) or "member",
        "organization_url": f"{shapes.API}/orgs/{org.login}",
        "organization": shapes.org_simple(org),
        "user": shapes.user(ctx.state, login),
    }
    return Response(200, body)


@op("orgs/cancel-invitation")
def cancel_invitation(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    number = int(req.params["invitation_id"])
    inv = next((i for i in org.invitations if i.id == number), None)
    if inv is None:
        raise not_found()
    org.invitations.remove(inv)
    for team in ctx.state.teams.values():
        if team.id in inv.team_ids and inv.login:
            team.pending.pop(inv.login, None)
    return Response(204)


@op("orgs/list-invitation-teams")
def list_invitation_teams(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    number = int(req.params["invitation_id"])
    inv = next((i for i in org.invitations if i.id == number), None)
    if inv is None:
        raise not_found()
    teams = [t for i in inv.team_ids if (t := ctx.state.team_by_id(i)) is not None]
    return page_response(req, [shapes.team(t) for t in teams])
