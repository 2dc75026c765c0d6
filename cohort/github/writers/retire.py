"""Revoke a removed team's memberships and access, then archive its repository (REST)."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.retire import RetirePayload
from cohort.reconcile.plan import Change


def write_retired(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(RetirePayload)
        teams = f"/orgs/{ctx.org}/teams/{p.team}"
        if change.action == "archive":
            ctx.client.rest("PATCH", f"/repos/{ctx.org}/{p.repo}", {"archived": True})
        elif p.login is not None:
            ctx.client.rest("DELETE", f"{teams}/memberships/{p.login}")
        else:
            ctx.client.rest("DELETE", f"{teams}/repos/{ctx.org}/{p.repo}")
        ctx.done(change)


WRITER = register_writer(Writer("retire", 77, write=write_retired))
