"""pull_request_review: a mentor's verdict moves the review labels."""

from __future__ import annotations

from cohort.app.context import Context
from cohort.app.decide_pull import APPROVED, CHANGES, NEEDS
from cohort.app.events import Event, dig, label_names, number, text
from cohort.app.reactions import Reaction, label_change
from cohort.app.reviewers import team_for_repo


def decide(event: Event, ctx: Context) -> list[Reaction]:
    """Approval swaps needs-mentor-review for mentor-approved; changes requested is labelled."""
    pr = dig(event.payload, "pull_request")
    num = number(pr, "number")
    if event.action != "submitted" or ctx.cohort is None or num is None:
        return []
    team = team_for_repo(ctx.cohort, event.repo)
    reviewer = text(event.payload, "review", "user", "login").lower()
    if team is None or reviewer not in {m.lower() for m in team.mentors}:
        return []
    before = ctx.labels if ctx.labels is not None else label_names(dig(pr, "labels"))
    verdict = text(event.payload, "review", "state").lower()
    if verdict == "approved":
        after = (before - {NEEDS, CHANGES}) | {APPROVED}
    elif verdict == "changes_requested":
        after = (before - {NEEDS, APPROVED}) | {CHANGES}
    else:
        return []
    return label_change(event.repo, num, before, after)
