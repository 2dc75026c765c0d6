"""What a handler decides: label sets, review requests, comments, installation records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetLabels:
    """Make an issue or PR carry ``after`` instead of ``before`` (one write when applied)."""

    repo: str
    number: int
    before: frozenset[str]
    after: frozenset[str]

    @property
    def added(self) -> frozenset[str]:
        return self.after - self.before

    @property
    def removed(self) -> frozenset[str]:
        return self.before - self.after


@dataclass(frozen=True)
class RequestReview:
    """Ask ``reviewers`` to review a pull request."""

    repo: str
    number: int
    reviewers: tuple[str, ...]


@dataclass(frozen=True)
class RemoveReviewers:
    """Withdraw review requests from people and teams (one write when applied)."""

    repo: str
    number: int
    reviewers: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comment:
    """Post a comment on an issue or pull request."""

    repo: str
    number: int
    body: str


@dataclass(frozen=True)
class TrackInstallation:
    """Record where the App is installed (kept in the store, not on GitHub)."""

    installation_id: int
    account: str
    active: bool
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    replace: bool = False  # True: ``added`` is the whole list of repositories


Reaction = SetLabels | RequestReview | RemoveReviewers | Comment | TrackInstallation


def label_change(
    repo: str, number: int, before: frozenset[str], after: frozenset[str]
) -> list[Reaction]:
    """A SetLabels change, or nothing when the set does not move."""
    return [] if before == after else [SetLabels(repo, number, before, after)]
