"""Enable GitHub Pages on a repository (REST only), before its scaffold is committed."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from cohort.errors import ConflictError
from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.pages import PagesPayload
from cohort.reconcile.plan import Change


def write_pages(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(PagesPayload)
        with suppress(ConflictError):  # already enabled (earlier run, or by hand): nothing to do
            body = {"build_type": p.build_type}
            ctx.client.call(routes.CREATE_PAGES, body=body, repo=f"{ctx.org}/{p.repo}")
        ctx.done(change)


WRITER = register_writer(Writer("pages", 35, write=write_pages, needs=(routes.CREATE_PAGES,)))
