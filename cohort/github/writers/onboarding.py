"""Write onboarding issues over REST: assignees go by login (GraphQL wants user node IDs).

An issue is created once its repository's milestone, label, team access and protection
changes are done (so the mentee it assigns can be assigned; Pages, a phase earlier, is on by
then too); GitHub caps created content, so the executor schedules each creation as a
content step. GitHub refuses a new
issue whose assignee cannot be assigned yet (422 ``invalid`` on ``assignees``): then the
issue is created without one and a later run assigns it. Adding an assignee to an existing
issue leaves out people who cannot be assigned, silently (REST docs, "Add assignees").
"""

from __future__ import annotations

from collections.abc import Sequence

from cohort.errors import UnprocessableError
from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.onboarding import OnboardingPayload
from cohort.reconcile.plan import Change


def write_onboarding(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(OnboardingPayload)
        repo = f"{ctx.org}/{p.repo}"
        if change.action == "update":
            assert p.number is not None
            ctx.client.call(
                routes.ADD_ASSIGNEES, body={"assignees": [p.login]}, repo=repo, number=p.number
            )
        else:
            _create(p, ctx, repo)
        ctx.done(change)


def _create(p: OnboardingPayload, ctx: WriteContext, repo: str) -> None:
    body: dict[str, object] = {"title": p.title, "body": p.body, "labels": list(p.labels or ())}
    number = ctx.ids.milestone_numbers.get((p.repo, p.milestone or ""))
    if number is not None:
        body["milestone"] = number
    assignee = {"assignees": [p.login]} if p.assign else {}
    try:
        ctx.client.call(routes.CREATE_ISSUE, body={**body, **assignee}, repo=repo)
    except UnprocessableError as exc:
        if not assignee or "invalid" not in exc.codes:
            raise
        ctx.client.call(routes.CREATE_ISSUE, body=body, repo=repo)  # assigned on a later run


WRITER = register_writer(
    Writer(
        "onboarding",
        75,
        write=write_onboarding,
        needs=(routes.CREATE_ISSUE, routes.ADD_ASSIGNEES),
        content_after=("milestone", "label", "team-repo", "protection"),
    )
)
