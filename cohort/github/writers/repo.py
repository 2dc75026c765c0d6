"""Write repository changes: REST create or update, then one read for the new heads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.repo import RepoPayload
from cohort.reconcile.plan import Change


def write_repos(changes: Sequence[Change], ctx: WriteContext) -> None:
    created = []
    for change in changes:
        p = change.payload_as(RepoPayload)
        if change.action == "update":
            ctx.client.call(
                routes.UPDATE_REPO,
                body={"description": p.description, "visibility": p.visibility},
                repo=f"{ctx.org}/{p.name}",
            )
        else:
            _create(p, ctx)
            created.append(p.name)
        ctx.done(change)
    if created:
        ctx.ids.refresh_heads(ctx.client, ctx.org, created)


def _create(p: RepoPayload, ctx: WriteContext) -> None:
    body: dict[str, Any] = {
        "name": p.name,
        "description": p.description,
        "visibility": p.visibility,
        "auto_init": True,
        "has_wiki": False,
        # What the scaffold's CONTRIBUTING promises: squash merges only, titled by the pull
        # request, and the branch deleted on merge (set at creation: no extra request).
        "allow_squash_merge": True,
        "allow_merge_commit": False,
        "allow_rebase_merge": False,
        "delete_branch_on_merge": True,
        "squash_merge_commit_title": "PR_TITLE",
        "squash_merge_commit_message": "PR_BODY",
    }
    team = ctx.ids.teams.get(str(p.team))
    if team:
        body["team_id"] = team[1]
    made = ctx.client.call(routes.CREATE_REPO, body=body, org=ctx.org)
    ctx.ids.repos[p.name] = made["node_id"]


WRITER = register_writer(
    Writer(
        "repo",
        20,
        write=write_repos,
        needs=(routes.CREATE_REPO, routes.UPDATE_REPO, routes.READ_GRAPHQL),
    )
)
