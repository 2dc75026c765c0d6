"""Re-route reviews nobody gave: after N working days, ask another mentor, or the organizers.

Run on a schedule (``cohort reroute``, the daily workflow). Pure: the caller reads each waiting
pull request (its state, the head commit's time, its comments) and applies the changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cohort.app.pull_state import NEEDS, PullState, review_labels
from cohort.app.reactions import Comment, Reaction, RemoveReviewers, RequestReview
from cohort.app.reviewers import available_mentors, pick_reviewer
from cohort.config.model import CohortFile, Team
from cohort.config.naming import MARKER_PREFIX, marker

REROUTE, ESCALATE = "mentor-reroute", "mentor-reroute-escalate"


@dataclass(frozen=True)
class PostedComment:
    """A comment on the pull request: its body and when it was made."""

    body: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Waiting:
    """A pull request that may wait on a mentor, with the times that reset the wait."""

    repo: str
    state: PullState
    opened_at: dt.datetime
    pushed_at: dt.datetime | None  # the head commit's time
    comments: tuple[PostedComment, ...] = ()


def parse_time(text: str) -> dt.datetime | None:
    """An ISO 8601 time from GitHub, or None."""
    if not text:
        return None
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


def waiting_since(pr: Waiting, mentors: Iterable[str]) -> dt.datetime:
    """The last moment the ball went to the mentors: opened, pushed, reviewed, or re-routed."""
    wanted = {m.lower() for m in mentors}
    moments = [pr.opened_at]
    moments += [pr.pushed_at] if pr.pushed_at else []
    for review in pr.state.reviews:
        when = parse_time(review.submitted_at)
        if review.user in wanted and when is not None:
            moments.append(when)
    tag = f"{MARKER_PREFIX}{REROUTE} {pr.state.number}/"
    moments += [c.created_at for c in pr.comments if tag in c.body]
    return max(moments)


def working_days(start: dt.datetime, end: dt.datetime, zone: str) -> float:
    """Monday-to-Friday time between two moments, in days, in the program's time zone."""
    tz = ZoneInfo(zone)
    here, until = start.astimezone(tz), end.astimezone(tz)
    total = 0.0
    while here < until:
        midnight = dt.datetime.combine(here.date() + dt.timedelta(days=1), dt.time(), tz)
        step = min(midnight, until)
        if here.weekday() < 5:
            total += (step - here).total_seconds() / 86400
        here = step
    return total


def reroute(
    cohort: CohortFile, team: Team, pr: Waiting, now: dt.datetime, load: Mapping[str, int]
) -> list[Reaction]:
    """Changes for one pull request: nothing, a new mentor asked, or the organizers told once."""
    state = pr.state
    asked = sorted({m.lower() for m in team.mentors} & state.requested_users)
    if NEEDS not in review_labels(state, team.mentors) or not asked:
        return []
    since = waiting_since(pr, team.mentors)
    limit = cohort.policy.reviews.reroute_after_working_days
    idle = working_days(since, now, cohort.calendar.timezone)
    if idle < limit:
        return []
    skip = set(asked) | {state.author}
    free = [m for m in available_mentors(cohort, team) if m.lower() not in skip]
    other = pick_reviewer(free, load)
    before = " ".join(f"@{m}" for m in asked)
    if other is not None:
        body = (
            f"{marker(REROUTE, f'{state.number}/{other.lower()}')}\n"
            f"@{other}: this pull request has waited {idle:.1f} working days for a review "
            f"from {before}, so it moves to you. {before}: no longer requested, thank you."
        )
        return [
            RequestReview(pr.repo, state.number, (other,)),
            RemoveReviewers(pr.repo, state.number, tuple(asked)),
            Comment(pr.repo, state.number, body),
        ]
    tag = marker(ESCALATE, f"{state.number}/{since:%Y%m%dT%H%M}")
    if any(tag in c.body for c in pr.comments) or not cohort.organizers:
        return []
    people = " ".join(f"@{o}" for o in cohort.organizers)
    body = (
        f"{tag}\n{people}: this pull request has waited {idle:.1f} working days for a "
        f"review from {before} and no other mentor of team {team.slug} is available. "
        "Please review it or find someone who can."
    )
    return [Comment(pr.repo, state.number, body)]
