"""Which mentor to ask for a review: the least loaded one who is not away (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cohort.config.model import CohortFile, Team
from cohort.config.naming import repo_name


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
