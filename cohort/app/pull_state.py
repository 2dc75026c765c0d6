"""A pull request's current state, and the review labels that state means (pure).

Labels are a function of this state, never of the event that arrived: GitHub does not order
deliveries, so any event for a pull request recomputes them from what GitHub says now.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cohort.app.events import dig, label_names, logins, number, text

NEEDS, APPROVED, CHANGES = "needs-mentor-review", "mentor-approved", "changes-requested"
HELP = "help-wanted-from-mentor"
REVIEW_LABELS = frozenset({NEEDS, APPROVED, CHANGES})
VERDICTS = frozenset({"APPROVED", "CHANGES_REQUESTED", "DISMISSED"})


@dataclass(frozen=True)
class ReviewRecord:
    """One submitted review: who, what verdict (upper case), on which commit, when."""

    user: str
    state: str
    commit_id: str
    submitted_at: str = ""


@dataclass(frozen=True)
class PullState:
    """What GitHub says about a pull request now (logins lower-case)."""

    number: int
    open: bool
    draft: bool
    author: str
    author_is_bot: bool
    head_sha: str
    labels: frozenset[str]
    requested_users: frozenset[str]
    requested_teams: frozenset[str]
    reviews: tuple[ReviewRecord, ...] = ()
    milestone: str = ""
    created_at: str = ""


def is_bot(user: Any) -> bool:
    """A bot account (``type: Bot`` or a ``[bot]`` login)."""
    return text(user, "type") == "Bot" or text(user, "login").endswith("[bot]")


def review_record(raw: Any) -> ReviewRecord:
    """A review from its REST (or webhook) shape."""
    return ReviewRecord(
        text(raw, "user", "login").lower(),
        text(raw, "state").upper(),
        text(raw, "commit_id"),
        text(raw, "submitted_at"),
    )


def pull_state(pr: Any, reviews: Iterable[Any] = ()) -> PullState:
    """The state of a pull request from its REST shape and its reviews (oldest first)."""
    return PullState(
        number=number(pr, "number") or 0,
        open=text(pr, "state") != "closed",
        draft=dig(pr, "draft") is True,
        author=text(pr, "user", "login").lower(),
        author_is_bot=is_bot(dig(pr, "user")),
        head_sha=text(pr, "head", "sha"),
        labels=label_names(dig(pr, "labels")),
        requested_users=frozenset(x.lower() for x in logins(dig(pr, "requested_reviewers"))),
        requested_teams=frozenset(
            text(t, "slug").lower() for t in dig(pr, "requested_teams") or [] if text(t, "slug")
        ),
        reviews=tuple(review_record(r) for r in reviews),
        milestone=text(pr, "milestone", "title"),
        created_at=text(pr, "created_at"),
    )


def wants_review(state: PullState) -> bool:
    """Open, ready pull requests by people wait for a mentor; drafts and bots do not."""
    return state.open and not state.draft and not state.author_is_bot


def verdicts(state: PullState, mentors: Iterable[str]) -> dict[str, str]:
    """Each mentor's standing verdict: their latest on the current head, unless re-requested.

    Comment-only reviews never change a verdict (as on GitHub); a review of an older commit
    no longer counts once the author pushes; asking a mentor again sets their verdict aside.
    """
    wanted = {m.lower() for m in mentors} - state.requested_users
    latest: dict[str, ReviewRecord] = {}
    for review in state.reviews:
        if review.user in wanted and review.state in VERDICTS:
            latest[review.user] = review
    return {
        who: r.state
        for who, r in latest.items()
        if r.state != "DISMISSED" and (not state.head_sha or r.commit_id == state.head_sha)
    }


def review_labels(state: PullState, mentors: Iterable[str]) -> frozenset[str]:
    """The review labels this state means (a subset of REVIEW_LABELS)."""
    found = set(verdicts(state, mentors).values())
    if "CHANGES_REQUESTED" in found:
        return frozenset({CHANGES})
    if "APPROVED" in found:
        return frozenset({APPROVED})
    return frozenset({NEEDS}) if wants_review(state) else frozenset()


def with_review_labels(state: PullState, mentors: Iterable[str]) -> frozenset[str]:
    """The PR's labels with the review group replaced by what the state means."""
    return (state.labels - REVIEW_LABELS) | review_labels(state, mentors)


def reviewed_on_head(state: PullState, mentors: Iterable[str]) -> frozenset[str]:
    """Mentors with a standing review (comments included) of the current head."""
    wanted = {m.lower() for m in mentors}
    return frozenset(
        r.user
        for r in state.reviews
        if r.user in wanted
        and r.state in {"APPROVED", "CHANGES_REQUESTED", "COMMENTED"}
        and (not state.head_sha or r.commit_id == state.head_sha)
    )
