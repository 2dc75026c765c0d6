"""Revoke a removed team's memberships and access, then archive its repository (REST)."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.retire import RetirePayload
from cohort.reconcile.plan import Change


def write_retired(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(RetirePayload)
        repo = f"{ctx.org}/{p.repo}"
        if change.action == "archive":
            ctx.client.call(routes.UPDATE_REPO, body={"archived": True}, repo=repo)
        elif p.login is not None:
            ctx.client.call(routes.DELETE_MEMBERSHIP, org=ctx.org, team=p.team, login=p.login)
        else:
            ctx.client.call(routes.REMOVE_TEAM_REPO, org=ctx.org, team=p.team, repo=repo)
        ctx.done(change)


WRITER = register_writer(
    Writer(
        "retire",
        77,
        write=write_retired,
        needs=(routes.UPDATE_REPO, routes.DELETE_MEMBERSHIP, routes.REMOVE_TEAM_REPO),
    )
)
