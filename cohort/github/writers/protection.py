"""Build branch protection mutations (create, or update by rule ID)."""

from __future__ import annotations

from cohort.github import mutations as mut
from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, each, register_writer
from cohort.reconcile.kinds.protection import ProtectionPayload
from cohort.reconcile.plan import Change


def _protection(change: Change, ctx: WriteContext) -> mut.Mutation:
    p = change.payload_as(ProtectionPayload)
    return mut.protection(ctx.repo_id(p.repo), p.id, p.pattern, p.approvals, p.code_owner_review)


WRITER = register_writer(
    Writer(
        "protection",
        40,
        build=each(_protection),
        needs=(routes.PROTECT_BRANCH, routes.UPDATE_PROTECTION),
    )
)
