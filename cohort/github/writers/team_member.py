"""Write team memberships: PUT with the role, DELETE to remove."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.team_member import TeamMemberPayload
from cohort.reconcile.plan import Change


def write_members(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(TeamMemberPayload)
        if change.action == "remove":
            ctx.client.call(routes.DELETE_MEMBERSHIP, org=ctx.org, team=p.team, login=p.login)
        else:
            body = {"role": p.role}
            ctx.client.call(
                routes.PUT_MEMBERSHIP, body=body, org=ctx.org, team=p.team, login=p.login
            )
        ctx.done(change)


WRITER = register_writer(
    Writer(
        "team-member",
        60,
        write=write_members,
        needs=(routes.PUT_MEMBERSHIP, routes.DELETE_MEMBERSHIP),
        follows="team",  # invitations start as soon as their team exists
    )
)
