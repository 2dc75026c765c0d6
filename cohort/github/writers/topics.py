"""Build topic mutations (batched with the other GraphQL kinds of phase 40)."""

from __future__ import annotations

from cohort.github import mutations as mut
from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, each, register_writer
from cohort.reconcile.kinds.topics import TopicsPayload
from cohort.reconcile.plan import Change


def _topics(change: Change, ctx: WriteContext) -> mut.Mutation:
    p = change.payload_as(TopicsPayload)
    return mut.topics(ctx.repo_id(p.repo), list(p.topics))


WRITER = register_writer(Writer("topics", 40, build=each(_topics), needs=(routes.UPDATE_TOPICS,)))
