"""Which mentor to ask for a review: the least loaded one who is not away (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cohort.app.pull_state import APPROVED, NEEDS, PullState, review_labels, reviewed_on_head
from cohort.config.model import CohortFile, Team
from cohort.config.naming import repo_name, team_slug


def team_for_repo(cohort: CohortFile, full_name: str) -> Team | None:
    """The cohort team whose repository is ``owner/name``, if any (case-insensitive)."""
    owner, _, name = full_name.partition("/")
    if owner.lower() != cohort.program.organization.lower():
        return None
    for team in cohort.teams:
        if repo_name(cohort, team).lower() == name.lower():
            return team
    return None


def available_mentors(cohort: CohortFile, team: Team) -> list[str]:
    """The team's mentors in cohort order, without those marked away."""
    away = {m.handle.lower() for m in cohort.mentors if m.away}
    return [h for h in team.mentors if h.lower() not in away]


def pick_reviewer(
    candidates: Sequence[str], load: Mapping[str, int], *, exclude: frozenset[str] = frozenset()
) -> str | None:
    """The candidate with the fewest open review requests; ties go to cohort order."""
    pool = [c for c in candidates if c.lower() not in {e.lower() for e in exclude}]
    if not pool:
        return None
    return min(pool, key=lambda c: (load.get(c.lower(), 0), pool.index(c)))


@dataclass(frozen=True)
class Routing:
    """Whom to ask for a review and which extra requests to withdraw."""

    request: tuple[str, ...] = ()
    remove_users: tuple[str, ...] = ()
    remove_teams: tuple[str, ...] = ()
    escalate: bool = False  # nobody can be asked: organizers should hear of it


def after_routing(state: PullState, plan: Routing) -> PullState:
    """The pull request as it will be once the plan's requests are made and withdrawn."""
    users = (state.requested_users - {u.lower() for u in plan.remove_users}) | {
        u.lower() for u in plan.request
    }
    teams = state.requested_teams - {t.lower() for t in plan.remove_teams}
    return replace(state, requested_users=users, requested_teams=teams)


def team_review_slugs(cohort: CohortFile, team: Team) -> frozenset[str]:
    """GitHub teams whose review request stands for "the team's mentors" (CODEOWNERS)."""
    slug = team_slug(cohort, team).lower()
    return frozenset({slug, f"{slug}-mentors"})


def route(cohort: CohortFile, team: Team, state: PullState, load: Mapping[str, int]) -> Routing:
    """Exactly one available mentor asked per waiting pull request (pure).

    A request to the team (CODEOWNERS) or to several mentors is narrowed to the least loaded
    available one; a request to a mentor who is away moves to another; a waiting PR that nobody
    is asked about (and no mentor reviewed since the last push) gets one mentor. When every
    mentor is away, nothing is withdrawn and organizers are to be told.
    """
    asked = {m.lower() for m in team.mentors} & state.requested_users
    teams = tuple(sorted(team_review_slugs(cohort, team) & state.requested_teams))
    labels = review_labels(state, team.mentors)
    if APPROVED in labels:  # done: withdraw asks nobody acted on (CODEOWNERS' co-mentors)
        idle = tuple(sorted(asked - {r.user for r in state.reviews}))
        return Routing((), idle, teams) if idle or teams else Routing()
    if NEEDS not in labels:
        return Routing()
    free = [m for m in available_mentors(cohort, team) if m.lower() != state.author]
    keep = pick_reviewer([m for m in free if m.lower() in asked], load)
    if keep is None and not asked and not teams and reviewed_on_head(state, team.mentors):
        return Routing()  # a mentor commented on this very commit: the ball is with the author
    request: tuple[str, ...] = ()
    if keep is None:
        keep = pick_reviewer(free, load)
        if keep is None:
            return Routing(escalate=True)
        request = (keep,)
    extra = tuple(sorted(asked - {keep.lower()}))
    return Routing(request, extra, teams)
