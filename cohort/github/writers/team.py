"""Write team changes: one REST call per new team."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.team import TeamPayload
from cohort.reconcile.plan import Change


def write_teams(changes: Sequence[Change], ctx: WriteContext) -> None:
    """One request per team, its org-member maintainers included; the creator leaves if unwanted."""
    for change in changes:
        p = change.payload_as(TeamPayload)
        body = ctx.client.call(
            routes.CREATE_TEAM,
            body={
                "name": p.name,
                "description": p.description,
                "privacy": "closed",
                "maintainers": list(p.maintainers),
            },
            org=ctx.org,
        )
        ctx.ids.teams[p.slug] = (body["node_id"], int(body["id"]))
        if creator_leaves(ctx, p):
            ctx.client.call(routes.DELETE_MEMBERSHIP, org=ctx.org, team=p.slug, login=ctx.viewer)
        ctx.done(change)


def creator_leaves(ctx: WriteContext, p: TeamPayload) -> bool:
    """GitHub makes a user who creates a team its maintainer; one the cohort lacks leaves.

    Organizers stay (they are never removed); an App creates teams without joining them.
    """
    viewer = ctx.viewer.lower()
    team = ctx.desired.teams.get(p.slug)
    kept = {m.lower() for m in (*(team.members if team else ()), *p.maintainers)}
    kept |= {k.lower() for k in ctx.desired.protected_logins}
    return bool(viewer) and not viewer.endswith("[bot]") and viewer not in kept


WRITER = register_writer(
    Writer("team", 10, write=write_teams, needs=(routes.CREATE_TEAM, routes.DELETE_MEMBERSHIP))
)
