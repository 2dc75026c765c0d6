"""Names cohort gives to things on GitHub: repositories, teams, markers."""

from __future__ import annotations

from cohort.config.model import CohortFile, Team

MARKER_PREFIX = "<!-- cohort:"


def repo_name(cohort: CohortFile, team: Team) -> str:
    """The repository name of a team, from the naming pattern."""
    return cohort.repositories.name.format(
        cohort=cohort.program.cohort, team=team.slug, project=team.project
    )


def team_slug(cohort: CohortFile, team: Team) -> str:
    """The GitHub team that gives a team's people access to its repository."""
    return f"{cohort.program.cohort}-{team.slug}"


def organizers_team_slug(cohort: CohortFile) -> str:
    """The GitHub team of the cohort's organizers (admin on every team repository)."""
    return f"{cohort.program.cohort}-organizers"


def marker(kind: str, key: str) -> str:
    """The hidden marker that identifies an object cohort created (issue, comment, file)."""
    return f"{MARKER_PREFIX}{kind} {key} -->"
