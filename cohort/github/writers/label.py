"""Build label mutations; created labels' IDs are recorded for the issues that follow."""

from __future__ import annotations

from cohort.github import mutations as mut
from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, each, register_writer
from cohort.reconcile.kinds.label import LabelPayload
from cohort.reconcile.plan import Change


def _label(change: Change, ctx: WriteContext) -> mut.Mutation:
    p = change.payload_as(LabelPayload)
    if p.id is not None:
        return mut.update_label(p.id, p.color, p.description)
    return mut.create_label(ctx.repo_id(p.repo), p.name, p.color, p.description)


WRITER = register_writer(
    Writer("label", 40, build=each(_label), needs=(routes.CREATE_LABEL, routes.UPDATE_LABEL))
)
