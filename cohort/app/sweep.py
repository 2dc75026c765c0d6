"""The scheduled re-route sweep: read each team's waiting pull requests, decide, apply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cohort.app import github_io as io
from cohort.app.events import label_names, logins
from cohort.app.pull_state import NEEDS, pull_state
from cohort.app.reactions import Reaction, RequestReview
from cohort.app.reroute import PostedComment, Waiting, parse_time, reroute
from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.errors import NotFoundError
from cohort.github.ports import RestPort

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class SweepResult:
    """What a sweep decided, how many pull requests it read closely, and the writes sent."""

    changes: tuple[Reaction, ...]
    examined: int
    writes: int


def read_waiting(client: RestPort, repo: str, pr: dict[str, Any]) -> Waiting:
    """One pull request with its reviews, head commit time and comments (3 reads)."""
    num = int(pr["number"])
    reviews = io.reviews(client, repo, num)
    head = pull_state(pr).head_sha
    pushed = parse_time(io.commit_time(client, repo, head)) if head else None
    comments = tuple(
        PostedComment(str(c.get("body") or ""), when)
        for c in io.comments(client, repo, num)
        if (when := parse_time(str(c.get("created_at") or ""))) is not None
    )
    opened = parse_time(str(pr.get("created_at") or "")) or EPOCH
    return Waiting(repo, pull_state(pr, reviews), opened, pushed, comments)


def candidates(pr: dict[str, Any], mentors: list[str]) -> bool:
    """Labelled as waiting and a mentor of the team is asked (worth three more reads)."""
    asked = {x.lower() for x in logins(pr.get("requested_reviewers"))}
    return NEEDS in label_names(pr.get("labels")) and bool(asked & {m.lower() for m in mentors})


def _open_pulls(client: RestPort, repo: str) -> list[dict[str, Any]]:
    """Open pull requests; none for a repository not created yet."""
    try:
        return io.open_pulls(client, repo)
    except NotFoundError:
        return []


def sweep(client: RestPort, cohort: CohortFile, now: dt.datetime, *, write: bool) -> SweepResult:
    """Re-route every review that waited too long in the cohort's team repositories."""
    org = cohort.program.organization
    listings = {
        team.slug: _open_pulls(client, f"{org}/{repo_name(cohort, team)}") for team in cohort.teams
    }
    load = io.review_load([pr for pulls in listings.values() for pr in pulls])
    changes: list[Reaction] = []
    examined = 0
    for team in cohort.teams:
        repo = f"{org}/{repo_name(cohort, team)}"
        for pr in listings[team.slug]:
            if not candidates(pr, team.mentors):
                continue
            examined += 1
            decided = reroute(cohort, team, read_waiting(client, repo, pr), now, load)
            for change in decided:  # a newly asked mentor carries one more request
                if isinstance(change, RequestReview):
                    for login in change.reviewers:
                        load[login.lower()] = load.get(login.lower(), 0) + 1
            changes += decided
    writes = io.apply(client, changes) if write else 0
    return SweepResult(tuple(changes), examined, writes)
