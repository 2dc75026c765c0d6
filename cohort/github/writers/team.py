"""Write team changes: one REST call per new team."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.team import TeamPayload
from cohort.reconcile.plan import Change


def write_teams(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(TeamPayload)
        body = ctx.client.call(
            routes.CREATE_TEAM,
            body={"name": p.name, "description": p.description, "privacy": "closed"},
            org=ctx.org,
        )
        ctx.ids.teams[p.slug] = (body["node_id"], int(body["id"]))
        ctx.done(change)


WRITER = register_writer(Writer("team", 10, write=write_teams, needs=(routes.CREATE_TEAM,)))
