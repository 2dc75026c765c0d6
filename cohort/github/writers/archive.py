"""Write archiving: one PATCH per repository."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.archive import ArchivePayload
from cohort.reconcile.plan import Change


def write_archives(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(ArchivePayload)
        ctx.client.call(routes.UPDATE_REPO, body={"archived": True}, repo=f"{ctx.org}/{p.name}")
        ctx.done(change)


WRITER = register_writer(Writer("archive", 80, write=write_archives, needs=(routes.UPDATE_REPO,)))
