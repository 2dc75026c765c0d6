"""Write direct collaborator grants: PUT with the permission, DELETE to remove."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.collaborator import CollaboratorPayload
from cohort.reconcile.plan import Change


def write_collaborators(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(CollaboratorPayload)
        path = f"/repos/{ctx.org}/{p.repo}/collaborators/{p.login}"
        if change.action == "remove":
            ctx.client.rest("DELETE", path)
        else:
            ctx.client.rest("PUT", path, {"permission": p.permission})
        ctx.done(change)


WRITER = register_writer(Writer("collaborator", 70, write=write_collaborators))
