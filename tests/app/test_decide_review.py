"""pull_request_review decisions: the review labels follow the PR's current state."""

from __future__ import annotations

from typing import Any

import pytest

from cohort.app.decide_review import decide
from cohort.app.events import Event
from cohort.app.pull_state import pull_state
from cohort.app.reactions import RequestReview, SetLabels
from tests.app.payloads import AURORA, ctx, pull, repo, user

REVIEW_GROUP = {"needs-mentor-review", "mentor-approved", "changes-requested"}


def review(state: str, by: str = "alicia-dev", sha: str = "h1") -> dict[str, Any]:
    return {"state": state, "user": user(by), "commit_id": sha}


def event(
    state: str,
    by: str = "alicia-dev",
    action: str = "submitted",
    labels: tuple[str, ...] = ("phase: design", "size/XS", "needs-mentor-review"),
) -> Event:
    pr = pull(labels=labels)
    pr["head"] = {"sha": "h1"}
    payload = {
        "action": action,
        "review": review(state, by),
        "pull_request": pr,
        "repository": repo(AURORA),
        "sender": user(by),
    }
    return Event("pull_request_review", "d-2", payload)


def review_labels_after(changes: list[Any]) -> set[str] | None:
    found = [c.after for c in changes if isinstance(c, SetLabels)]
    return set(found[0]) & REVIEW_GROUP if found else None


@pytest.mark.parametrize(
    ("ev", "after"),
    [
        (event("approved"), {"mentor-approved"}),
        (event("APPROVED", labels=("changes-requested",)), {"mentor-approved"}),
        (event("changes_requested"), {"changes-requested"}),
        (event("changes_requested", labels=("mentor-approved",)), {"changes-requested"}),
    ],
)
def test_without_fresh_state_the_payload_review_decides(ev: Event, after: set[str]) -> None:
    assert review_labels_after(decide(ev, ctx())) == after


@pytest.mark.parametrize(
    "ev",
    [
        event("commented"),  # a comment is no verdict: still waiting
        event("approved", by="gabe-r"),  # a teammate, not a mentor
        event("approved", by="bkumar"),  # a mentor of another team
        event("approved", action="requested"),  # not a review action
    ],
)
def test_other_reviews_leave_the_labels_alone(ev: Event) -> None:
    assert [c for c in decide(ev, ctx()) if isinstance(c, SetLabels)] == []


def fresh(
    reviews: list[dict[str, Any]],
    *,
    head: str = "h2",
    requested: tuple[str, ...] = (),
    labels: tuple[str, ...] = ("phase: design", "size/XS", "changes-requested"),
) -> Any:
    pr = pull(labels=labels, requested=requested)
    pr["head"] = {"sha": head}
    return ctx(pull=pull_state(pr, reviews))


@pytest.mark.parametrize(
    ("case", "context", "after", "asked"),
    [
        (
            "changes requested, then a push: the verdict is stale, the mentor is asked again",
            fresh([review("CHANGES_REQUESTED", sha="h1")]),
            {"needs-mentor-review"},
            ("alicia-dev",),
        ),
        (
            "changes requested, push, re-request: waiting, nobody else asked",
            fresh([review("CHANGES_REQUESTED", sha="h1")], requested=("alicia-dev",)),
            {"needs-mentor-review"},
            (),
        ),
        (
            "re-requested on the same commit: the old verdict is set aside",
            fresh([review("CHANGES_REQUESTED", sha="h2")], requested=("alicia-dev",)),
            {"needs-mentor-review"},
            (),
        ),
        (
            "the latest verdict per reviewer counts; comments do not override it",
            fresh(
                [
                    review("CHANGES_REQUESTED", sha="h2"),
                    review("APPROVED", sha="h2"),
                    review("COMMENTED", sha="h2"),
                ]
            ),
            {"mentor-approved"},
            (),
        ),
        (
            "a dismissed approval no longer stands",
            fresh([review("DISMISSED", sha="h2")], labels=("mentor-approved",)),
            {"needs-mentor-review"},
            ("alicia-dev",),
        ),
        (
            "a comment-only review on this commit: waiting, but nobody is asked again",
            fresh([review("COMMENTED", sha="h2")]),
            {"needs-mentor-review"},
            (),
        ),
    ],
)
def test_labels_and_requests_follow_the_current_state(
    case: str, context: Any, after: set[str], asked: tuple[str, ...]
) -> None:
    changes = decide(event("approved"), context)
    assert review_labels_after(changes) == after, case
    assert [r for c in changes if isinstance(c, RequestReview) for r in c.reviewers] == list(
        asked
    ), case
