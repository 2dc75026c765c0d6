"""Write team memberships: PUT with the role, DELETE to remove."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.errors import InvitationQuotaError
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.team_member import TeamMemberPayload
from cohort.reconcile.plan import Change


def write_members(changes: Sequence[Change], ctx: WriteContext) -> None:
    """Memberships in plan order; once GitHub's invitation quota is spent, invitations queue."""
    full = False
    for change in changes:
        p = change.payload_as(TeamMemberPayload)
        path = f"/orgs/{ctx.org}/teams/{p.team}/memberships/{p.login}"
        if change.action == "remove":
            ctx.client.rest("DELETE", path)
        elif full and p.invite:
            ctx.queued.append(change)
            continue
        else:
            try:
                ctx.client.rest("PUT", path, {"role": p.role})
            except InvitationQuotaError:
                full = True
                ctx.queued.append(change)
                continue
        ctx.done(change)


WRITER = register_writer(Writer("team-member", 60, write=write_members))
