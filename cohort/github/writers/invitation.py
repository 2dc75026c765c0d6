"""Cancel pending organization invitations (before team-member sends the new ones)."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.invitation import InvitationPayload
from cohort.reconcile.plan import Change


def write_invitations(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(InvitationPayload)
        ctx.client.call(routes.CANCEL_ORG_INVITATION, org=ctx.org, id=p.id)
        ctx.done(change)


WRITER = register_writer(
    Writer(
        "invitation",
        55,
        write=write_invitations,
        needs=(routes.CANCEL_ORG_INVITATION,),
        follows="team",  # with the memberships, and before them: cancel, then invite again
    )
)
