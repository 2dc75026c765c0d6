"""Write direct collaborator grants: PUT with the permission, DELETE to remove."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.collaborator import CollaboratorPayload
from cohort.reconcile.plan import Change


def write_collaborators(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(CollaboratorPayload)
        repo = f"{ctx.org}/{p.repo}"
        if change.action == "remove":
            ctx.client.call(routes.DELETE_COLLABORATOR, repo=repo, login=p.login)
        else:
            body = {"permission": p.permission}
            ctx.client.call(routes.PUT_COLLABORATOR, body=body, repo=repo, login=p.login)
        ctx.done(change)


WRITER = register_writer(
    Writer(
        "collaborator",
        70,
        write=write_collaborators,
        needs=(routes.PUT_COLLABORATOR, routes.DELETE_COLLABORATOR),
    )
)
