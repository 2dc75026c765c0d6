"""Write milestone changes: one REST call each (GitHub has no milestone mutation)."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.milestone import MilestonePayload
from cohort.reconcile.plan import Change


def write_milestones(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(MilestonePayload)
        body = {
            "title": p.title,
            "description": p.description,
            "due_on": f"{p.due_on}T12:00:00Z",
        }
        repo = f"{ctx.org}/{p.repo}"
        if p.number is not None:
            ctx.client.call(routes.UPDATE_MILESTONE, body=body, repo=repo, number=p.number)
        else:
            made = ctx.client.call(routes.CREATE_MILESTONE, body=body, repo=repo)
            ctx.ids.milestones[(p.repo, p.title)] = made["node_id"]
            ctx.ids.milestone_numbers[(p.repo, p.title)] = int(made["number"])
        ctx.done(change)


WRITER = register_writer(
    Writer(
        "milestone",
        30,
        write=write_milestones,
        needs=(routes.CREATE_MILESTONE, routes.UPDATE_MILESTONE),
    )
)
