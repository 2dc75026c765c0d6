"""Build issue mutations, after the labels and milestones they refer to exist (phase 50)."""

from __future__ import annotations

from cohort.github import mutations as mut
from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, each, register_writer
from cohort.reconcile.kinds.issue import IssuePayload
from cohort.reconcile.plan import Change


def _issue(change: Change, ctx: WriteContext) -> mut.Mutation:
    p = change.payload_as(IssuePayload)
    keys = [(p.repo, name.lower()) for name in p.labels]
    labels = [ctx.ids.labels[k] for k in keys if k in ctx.ids.labels]
    milestone = ctx.ids.milestones.get((p.repo, p.milestone))
    return mut.create_issue(ctx.repo_id(p.repo), p.title, p.body, labels, milestone)


WRITER = register_writer(
    Writer(
        "issue",
        50,
        build=each(_issue),
        needs=(routes.CREATE_ISSUE_MUTATION,),
        content_after=("milestone", "label"),
    )
)
