"""Property: whatever order, duplicates or delays the deliveries come in, labels end up true.

A small fake of one pull request on GitHub: people push, review, re-request and toggle draft;
each action queues the delivery GitHub would send. Deliveries are handled in any order, some
more than once, interleaved with further actions; the App reads the PR's state when it handles
one (as ``gather`` does) and its changes are applied at once. After every queued delivery has
been handled at least once, the review labels equal those computed once from the final state,
exactly one mentor is asked while the PR waits, and handling one more event changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cohort.app.context import Context
from cohort.app.decide import decide
from cohort.app.events import Event
from cohort.app.pull_state import (
    REVIEW_LABELS,
    PullState,
    ReviewRecord,
    review_labels,
)
from cohort.app.reactions import Comment, Reaction, RemoveReviewers, RequestReview, SetLabels
from tests.app.payloads import APP, COHORT, DELTA, repo, user

MENTORS = ("dfischer", "alicia-dev")  # team delta
AUTHOR = "omar-h"
TEAM_SLUG = "2027-spring-delta"


@dataclass
class FakePull:
    """One pull request as GitHub holds it, and the deliveries it has queued."""

    state: PullState
    pending: list[Event] = field(default_factory=list)
    pushes: int = 1

    def emit(self, name: str, action: str, sender: str, **extra: Any) -> None:
        payload = {
            "action": action,
            "pull_request": self.payload(),
            "repository": repo(DELTA),
            "sender": user(sender),
            **extra,
        }
        self.pending.append(Event(name, f"d{len(self.pending)}", payload))

    def payload(self) -> dict[str, Any]:
        """A snapshot as the delivery carries it (stale by the time it is handled)."""
        return {
            "number": self.state.number,
            "state": "open" if self.state.open else "closed",
            "draft": self.state.draft,
            "user": user(AUTHOR),
            "head": {"sha": self.state.head_sha},
            "labels": [{"name": n} for n in sorted(self.state.labels)],
            "requested_reviewers": [user(u) for u in sorted(self.state.requested_users)],
            "additions": 5,
            "deletions": 0,
            "base": {"ref": "main"},
        }

    def act(self, step: tuple[str, str]) -> None:
        """A person does something on GitHub."""
        kind, who = step
        s = self.state
        if kind == "push":
            self.pushes += 1
            self.state = replace(s, head_sha=f"h{self.pushes}")
            self.emit("pull_request", "synchronize", AUTHOR)
        elif kind in ("APPROVED", "CHANGES_REQUESTED", "COMMENTED"):
            review = ReviewRecord(who, kind, s.head_sha)
            self.state = replace(
                s, reviews=(*s.reviews, review), requested_users=s.requested_users - {who}
            )
            self.emit(
                "pull_request_review",
                "submitted",
                who,
                review={"state": kind.lower(), "user": user(who), "commit_id": s.head_sha},
            )
        elif kind == "request":
            self.state = replace(s, requested_users=s.requested_users | {who})
            self.emit("pull_request", "review_requested", AUTHOR)
        elif kind == "request_team":
            self.state = replace(s, requested_teams=s.requested_teams | {TEAM_SLUG})
            self.emit("pull_request", "review_requested", AUTHOR)
        elif kind == "draft":
            self.state = replace(s, draft=not s.draft)
            action = "converted_to_draft" if self.state.draft else "ready_for_review"
            self.emit("pull_request", action, AUTHOR)

    def handle(self, event: Event) -> None:
        """The App handles a delivery against what GitHub says now, and acts at once."""
        context = Context(COHORT, dt.date(2027, 2, 10), APP, load=self.load(), pull=self.state)
        for change in decide(event, context):
            self.apply(change)

    def load(self) -> dict[str, int]:
        return dict.fromkeys(self.state.requested_users, 1)

    def apply(self, change: Reaction) -> None:
        s = self.state
        if isinstance(change, SetLabels):
            assert change.before == s.labels  # decided on what GitHub holds now
            self.state = replace(s, labels=change.after)
        elif isinstance(change, RequestReview):
            self.state = replace(s, requested_users=s.requested_users | set(change.reviewers))
            self.emit("pull_request", "review_requested", APP)
        elif isinstance(change, RemoveReviewers):
            self.state = replace(
                s,
                requested_users=s.requested_users - set(change.reviewers),
                requested_teams=s.requested_teams - set(change.teams),
            )
            self.emit("pull_request", "review_request_removed", APP)
        else:
            assert isinstance(change, Comment)


def opened(requested: frozenset[str]) -> FakePull:
    state = PullState(
        number=12,
        open=True,
        draft=False,
        author=AUTHOR,
        author_is_bot=False,
        head_sha="h1",
        labels=frozenset(),
        requested_users=requested,
        requested_teams=frozenset(),
    )
    fake = FakePull(state)
    fake.emit("pull_request", "opened", AUTHOR)
    return fake


ACTS = st.one_of(
    st.tuples(
        st.sampled_from(["APPROVED", "CHANGES_REQUESTED", "COMMENTED"]), st.sampled_from(MENTORS)
    ),
    st.tuples(st.sampled_from(["request"]), st.sampled_from(MENTORS)),
    st.tuples(st.sampled_from(["push", "draft", "request_team"]), st.just(AUTHOR)),
)
# A step: a person acts, or the App handles the pending delivery at some index (maybe again).
STEPS = st.lists(
    st.one_of(st.tuples(st.just("act"), ACTS), st.tuples(st.just("deliver"), st.integers(0, 60))),
    max_size=40,
)


def run(start: frozenset[str], steps: list[Any], shuffle: list[int]) -> FakePull:
    """Act and deliver as ``steps`` say, then handle every delivery not yet handled."""
    fake = opened(start)
    handled: set[int] = set()
    for kind, arg in steps:
        if kind == "act":
            fake.act(arg)
        else:
            index = arg % len(fake.pending)
            fake.handle(fake.pending[index])
            handled.add(index)
    turn = 0
    while todo := [i for i in range(len(fake.pending)) if i not in handled]:
        index = todo[shuffle[turn % len(shuffle)] % len(todo)]  # any order, and more may come
        fake.handle(fake.pending[index])
        handled.add(index)
        turn += 1
    return fake


@settings(max_examples=300, deadline=None)
@given(
    start=st.sampled_from([frozenset(), frozenset(MENTORS), frozenset({"alicia-dev"})]),
    steps=STEPS,
    shuffle=st.lists(st.integers(0, 1000), min_size=1, max_size=10),
)
def test_final_labels_equal_those_of_the_final_state(
    start: frozenset[str], steps: list[Any], shuffle: list[int]
) -> None:
    fake = run(start, steps, shuffle)
    final = fake.state
    assert final.labels & REVIEW_LABELS == review_labels(final, MENTORS)
    if "needs-mentor-review" in final.labels and final.requested_users & set(MENTORS):
        assert len(final.requested_users & set(MENTORS)) == 1  # exactly one mentor asked
        assert not final.requested_teams
    before = fake.state
    fake.handle(fake.pending[0])  # any further delivery is a no-op: a fixed point
    assert fake.state == before


def test_the_approval_race_ends_approved_with_nobody_else_asked() -> None:
    """The mentor approves before the App has handled ``opened`` (seen 7 times in 8)."""
    fake = opened(frozenset(MENTORS))
    fake.act(("APPROVED", "dfischer"))
    for event in list(reversed(fake.pending)):
        fake.handle(event)
    assert fake.state.labels & REVIEW_LABELS == {"mentor-approved"}
    assert fake.state.requested_users == set()  # CODEOWNERS' idle ask to the co-mentor withdrawn


def test_changes_push_re_request_ends_waiting() -> None:
    """Changes requested, the author pushes and re-requests: the PR waits on the mentor."""
    fake = opened(frozenset({"dfischer"}))
    fake.act(("CHANGES_REQUESTED", "dfischer"))
    fake.act(("push", AUTHOR))
    fake.act(("request", "dfischer"))
    for event in fake.pending[:2]:  # the re-request's delivery is late
        fake.handle(event)
    assert fake.state.labels & REVIEW_LABELS == {"needs-mentor-review"}
    assert fake.state.requested_users == {"dfischer"}
