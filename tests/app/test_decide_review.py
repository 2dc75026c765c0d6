"""pull_request_review decisions: a mentor's verdict moves the review labels."""

from __future__ import annotations

import pytest

from cohort.app.decide_review import decide
from cohort.app.events import Event
from cohort.app.reactions import SetLabels
from tests.app.payloads import AURORA, ctx, pull, repo, user


def review(
    state: str,
    by: str = "alicia-dev",
    action: str = "submitted",
    labels: tuple[str, ...] = ("phase: design", "needs-mentor-review"),
) -> Event:
    payload = {
        "action": action,
        "review": {"state": state, "user": user(by)},
        "pull_request": pull(labels=labels),
        "repository": repo(AURORA),
        "sender": user(by),
    }
    return Event("pull_request_review", "d-2", payload)


@pytest.mark.parametrize(
    ("event", "after"),
    [
        (review("approved"), {"phase: design", "mentor-approved"}),
        (review("APPROVED", labels=("changes-requested",)), {"mentor-approved"}),
        (review("changes_requested"), {"phase: design", "changes-requested"}),
        (review("changes_requested", labels=("mentor-approved",)), {"changes-requested"}),
    ],
)
def test_mentor_verdict_sets_review_labels(event: Event, after: set[str]) -> None:
    changes = decide(event, ctx())
    assert [c.after for c in changes if isinstance(c, SetLabels)] == [frozenset(after)]


@pytest.mark.parametrize(
    "event",
    [
        review("commented"),
        review("approved", by="gabe-r"),  # a teammate, not a mentor
        review("approved", by="bkumar"),  # a mentor of another team
        review("approved", action="dismissed"),
        review("approved", action="edited"),
        review("approved", labels=("mentor-approved",)),  # already so
    ],
)
def test_other_reviews_change_nothing(event: Event) -> None:
    assert decide(event, ctx()) == []
