"""Write team changes: one REST call per new team."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.team import TeamPayload
from cohort.reconcile.plan import Change


def write_teams(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(TeamPayload)
        body = ctx.client.rest(
            "POST",
            f"/orgs/{ctx.org}/teams",
            {"name": p.name, "description": p.description, "privacy": "closed"},
        )
        ctx.ids.teams[p.slug] = (body["node_id"], int(body["id"]))
        ctx.done(change)


WRITER = register_writer(Writer("team", 10, write=write_teams))
