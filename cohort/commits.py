"""Headlines of the commits a team repository gets without the team: cohort's own and GitHub's.

The weekly summary counts a team's commits; these are not the team's work, so it leaves them
out (a GitHub App's commits have no user as author, so the headline is what tells them apart).
"""

from __future__ import annotations

SCAFFOLD = "Scaffold the team repository"
CODE_OWNERS = "Update code owners from cohort.yml"
GITHUB_FIRST = "Initial commit"  # what GitHub writes for a repository created with auto_init

NOT_THE_TEAMS = frozenset({SCAFFOLD, CODE_OWNERS, GITHUB_FIRST})


def by_the_team(headline: str) -> bool:
    """Whether a commit with this first line may be the team's own work."""
    return headline not in NOT_THE_TEAMS
