"""pull_request: phase, area, size and review labels, and a balanced mentor review request."""

from __future__ import annotations

from typing import Any

from cohort.app.areas import area_labels
from cohort.app.context import Context
from cohort.app.events import Event, dig, label_names, logins, number, text
from cohort.app.reactions import Reaction, RequestReview, label_change
from cohort.app.reviewers import available_mentors, pick_reviewer, team_for_repo
from cohort.app.size import SIZE_NAMES, changed_lines, size_label
from cohort.config.model import PHASES, CohortFile, Team
from cohort.labels import PHASE_LABELS, phase_label
from cohort.reconcile.calendar import MILESTONE_TITLES, current_phase

ACTIONS = frozenset({"opened", "reopened", "synchronize", "ready_for_review", "edited"})
REQUEST_ON = frozenset({"opened", "reopened", "ready_for_review"})
PHASE_NAMES = frozenset(spec.name for spec in PHASE_LABELS)
NEEDS, APPROVED, CHANGES = "needs-mentor-review", "mentor-approved", "changes-requested"


def decide(event: Event, ctx: Context) -> list[Reaction]:
    """Labels and review requests for an opened, updated or ready pull request."""
    pr = dig(event.payload, "pull_request")
    num = number(pr, "number")
    if event.action not in ACTIONS or ctx.cohort is None or num is None:
        return []
    team = team_for_repo(ctx.cohort, event.repo)
    if team is None or text(pr, "state") == "closed":
        return []
    before = ctx.labels if ctx.labels is not None else label_names(dig(pr, "labels"))
    after = wanted_labels(pr, before, ctx)
    changes = label_change(event.repo, num, before, after)
    if event.action in REQUEST_ON and wants_review(pr) and APPROVED not in after:
        reviewer = choose_reviewer(ctx.cohort, team, pr, ctx)
        if reviewer is not None:
            changes.append(RequestReview(event.repo, num, (reviewer,)))
    return changes


def wanted_labels(pr: Any, before: frozenset[str], ctx: Context) -> frozenset[str]:
    """The label set after this event: managed groups replaced, everything else kept."""
    assert ctx.cohort is not None
    after = set(before)
    from_milestone = milestone_phase(text(pr, "milestone", "title"))
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
    if wants_review(pr) and not after & {APPROVED, CHANGES}:
        after.add(NEEDS)
    return frozenset(after)


def milestone_phase(title: str) -> str | None:
    """The phase a milestone stands for (``Design``, ``Code phase``…), if any."""
    lowered = title.strip().lower()
    for phase in PHASES:
        if lowered.startswith(MILESTONE_TITLES[phase].lower()):
            return phase
    return None


def is_bot(user: Any) -> bool:
    """A bot account (``type: Bot`` or a ``[bot]`` login)."""
    return text(user, "type") == "Bot" or text(user, "login").endswith("[bot]")


def wants_review(pr: Any) -> bool:
    """Drafts and bot PRs do not wait for a mentor."""
    return dig(pr, "draft") is not True and not is_bot(dig(pr, "user"))


def choose_reviewer(cohort: CohortFile, team: Team, pr: Any, ctx: Context) -> str | None:
    """The least loaded mentor who is not away, unless a mentor is already asked."""
    requested = ctx.requested
    if requested is None:
        requested = frozenset(x.lower() for x in logins(dig(pr, "requested_reviewers")))
    if requested & {m.lower() for m in team.mentors}:
        return None  # CODEOWNERS (or a person) already asked a mentor
    author = frozenset({text(pr, "user", "login")})
    return pick_reviewer(available_mentors(cohort, team), ctx.load, exclude=author)
