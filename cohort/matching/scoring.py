"""Team scores: preference ranks, skill fit and level mix, with the documented weights."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from cohort.matching.model import MenteeSignup, ProjectInfo

# Points for a mentee placed on their 1st, 2nd, 3rd choice; later ranks get LATER_RANK.
RANK_POINTS: tuple[int, ...] = (6, 4, 2)
LATER_RANK = 1
SKILL_CAP = 3  # a mentee's skill fit is the sum of their levels in the project's skills, capped
LEVEL_POINTS = 3  # per distinct level (first-year … professional) present in the team


def preference_points(mentee: MenteeSignup, project: str) -> int:
    """Points for placing ``mentee`` on ``project`` (0 when not among their choices)."""
    if project not in mentee.preferences:
        return 0
    rank = mentee.preferences.index(project)
    return RANK_POINTS[rank] if rank < len(RANK_POINTS) else LATER_RANK


def skill_fit(mentee: MenteeSignup, project: ProjectInfo) -> int:
    """How much of the project's skills the mentee brings: level sum, capped at SKILL_CAP."""
    return min(SKILL_CAP, sum(mentee.skills.get(skill, 0) for skill in project.skills))


def contribution(mentee: MenteeSignup, project: ProjectInfo) -> int:
    """A mentee's share of a team's score on ``project``."""
    return preference_points(mentee, project.id) + skill_fit(mentee, project)


def team_score(members: Sequence[MenteeSignup], project: ProjectInfo) -> int:
    """Sum of the members' contributions plus LEVEL_POINTS per distinct level."""
    levels = {member.level for member in members}
    return sum(contribution(m, project) for m in members) + LEVEL_POINTS * len(levels)


def max_contribution(mentee: MenteeSignup, projects: Iterable[ProjectInfo]) -> int:
    """The most a mentee can add on any of ``projects``."""
    return max((contribution(mentee, project) for project in projects), default=0)


def rank_met(mentee: MenteeSignup, project: str) -> int | None:
    """1-based rank of ``project`` among the mentee's choices, or None."""
    if project in mentee.preferences:
        return mentee.preferences.index(project) + 1
    return None


def preferences_met(
    teams: Iterable[tuple[str, Sequence[str]]], mentees: Mapping[str, MenteeSignup]
) -> tuple[int, int]:
    """(mentees on a project they ranked, mentees on their first choice)."""
    ranked = first = 0
    for project, handles in teams:
        for handle in handles:
            rank = rank_met(mentees[handle.lower()], project)
            ranked += rank is not None
            first += rank == 1
    return ranked, first


def answer_key(scores: Sequence[int]) -> tuple[int, int, int]:
    """What large answers improve: worst team, then fewer teams at the worst, then total."""
    worst = min(scores, default=0)
    return worst, -list(scores).count(worst), sum(scores)
