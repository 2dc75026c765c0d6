"""pull_request_review: recompute the review labels from the PR's current state."""

from __future__ import annotations

from cohort.app.context import Context
from cohort.app.decide_pull import settle
from cohort.app.events import Event, dig
from cohort.app.reactions import Reaction

ACTIONS = frozenset({"submitted", "edited", "dismissed"})


def decide(event: Event, ctx: Context) -> list[Reaction]:
    """Any review event settles the PR's labels and requests from what GitHub says now."""
    if event.action not in ACTIONS:
        return []
    review = dig(event.payload, "review")
    return settle(event.repo, dig(event.payload, "pull_request"), ctx, (review,) if review else ())
