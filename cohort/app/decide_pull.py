"""pull_request: phase, area, size and review labels, and one mentor asked, from current state."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cohort.app.areas import area_labels
from cohort.app.context import Context
from cohort.app.events import Event, dig, number, text
from cohort.app.pull_state import (
    APPROVED,
    CHANGES,
    HELP,
    NEEDS,
    PullState,
    is_bot,
    pull_state,
    with_review_labels,
)
from cohort.app.reactions import Comment, Reaction, RemoveReviewers, RequestReview, label_change
from cohort.app.reviewers import Routing, after_routing, route, team_for_repo
from cohort.app.size import SIZE_NAMES, changed_lines, size_label
from cohort.config.model import PHASES, CohortFile, Team
from cohort.config.naming import marker
from cohort.labels import PHASE_LABELS, phase_label
from cohort.reconcile.calendar import MILESTONE_TITLES, current_phase

__all__ = ["ACTIONS", "APPROVED", "CHANGES", "NEEDS", "decide", "is_bot", "settle"]

ACTIONS = frozenset(
    {
        "opened",
        "reopened",
        "synchronize",
        "ready_for_review",
        "converted_to_draft",
        "edited",
        "review_requested",
        "review_request_removed",
        "closed",
    }
)
PHASE_NAMES = frozenset(spec.name for spec in PHASE_LABELS)


def decide(event: Event, ctx: Context) -> list[Reaction]:
    """Labels and review requests for a pull request, whatever the action that arrived."""
    pr = dig(event.payload, "pull_request")
    if event.action not in ACTIONS:
        return []
    return settle(event.repo, pr, ctx)


def settle(repo: str, pr: Any, ctx: Context, reviews: tuple[Any, ...] = ()) -> list[Reaction]:
    """The changes that make a PR's labels and review requests match its current state.

    ``ctx.pull`` is GitHub's state read just now; without it, the payload (and the
    ``reviews`` it carries) stands in.
    """
    num = number(pr, "number")
    if ctx.cohort is None or num is None:
        return []
    team = team_for_repo(ctx.cohort, repo)
    if team is None:
        return []
    state = ctx.pull if ctx.pull is not None else pull_state(pr, reviews)
    if ctx.labels is not None:
        state = _with_labels(state, ctx.labels)
    if not state.open:
        after = with_review_labels(state, team.mentors) - {HELP}
        return label_change(repo, num, state.labels, after)
    plan = route(ctx.cohort, team, state, ctx.load)
    after = wanted_labels(pr, after_routing(state, plan), team, ctx)
    changes = label_change(repo, num, state.labels, after)
    return changes + routing(ctx.cohort, team, repo, state, plan, ctx)


def _with_labels(state: PullState, labels: frozenset[str]) -> PullState:
    return replace(state, labels=labels)


def routing(
    cohort: CohortFile, team: Team, repo: str, state: PullState, plan: Routing, ctx: Context
) -> list[Reaction]:
    """One available mentor asked; extra requests withdrawn; organizers told if none can be."""
    out: list[Reaction] = []
    if plan.request:
        out.append(RequestReview(repo, state.number, plan.request))
    if plan.remove_users or plan.remove_teams:
        out.append(RemoveReviewers(repo, state.number, plan.remove_users, plan.remove_teams))
    tag = marker("mentor-escalate", str(state.number))
    told = ctx.comments is None or any(tag in c for c in ctx.comments)  # unread: say nothing
    if plan.escalate and cohort.organizers and not told:
        people = " ".join(f"@{o}" for o in cohort.organizers)
        body = (
            f"{tag}\n{people}: every mentor of team {team.slug} is away, so nobody was asked "
            "to review this pull request. Please review it or find a mentor who can."
        )
        out.append(Comment(repo, state.number, body))
    return out


def wanted_labels(pr: Any, state: PullState, team: Team, ctx: Context) -> frozenset[str]:
    """The label set of an open PR: managed groups replaced, everything else kept."""
    assert ctx.cohort is not None
    after = set(state.labels)
    from_milestone = milestone_phase(state.milestone or text(pr, "milestone", "title"))
    if from_milestone is not None:
        after = (after - PHASE_NAMES) | {phase_label(from_milestone)}
    elif not after & PHASE_NAMES:
        today = current_phase(ctx.cohort.calendar, ctx.today)
        after |= {phase_label(today)} if today else set()
    if ctx.files is not None:
        after |= area_labels(ctx.area_rules, (f.path for f in ctx.files))
        lines = changed_lines(ctx.files)
    else:
        lines = (number(pr, "additions") or 0) + (number(pr, "deletions") or 0)
    after = (after - SIZE_NAMES) | {size_label(lines)}
    return with_review_labels(_with_labels(state, frozenset(after)), team.mentors)


def milestone_phase(title: str) -> str | None:
    """The phase a milestone stands for (``Design``, ``Code phase``…), if any."""
    lowered = title.strip().lower()
    for phase in PHASES:
        if lowered.startswith(MILESTONE_TITLES[phase].lower()):
            return phase
    return None
