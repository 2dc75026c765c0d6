"""team: a GitHub team per cohort team (and the organizers'), created once."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualState, DesiredState, DesiredTeam
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, register


@dataclass(frozen=True)
class TeamPayload(Payload):
    slug: str
    name: str
    description: str
    maintainers: tuple[str, ...] = ()  # named in the creation request: they are org members


def diff_teams(desired: DesiredState, actual: ActualState) -> list[Change]:
    """Create each missing team, naming its maintainers who are org members in the request."""
    return [
        Change(
            kind="team",
            action="create",
            repo=None,
            team=want.cohort_team,
            target=want.slug,
            payload=TeamPayload(
                slug=want.slug,
                name=want.name,
                description=want.description,
                maintainers=founding_maintainers(want, actual.org_members),
            ),
        )
        for slug, want in desired.teams.items()
        if actual.teams.get(slug) is None
    ]


def founding_maintainers(want: DesiredTeam, org_members: frozenset[str]) -> tuple[str, ...]:
    """Maintainers GitHub accepts in the team-creation request: those already org members."""
    return tuple(
        sorted(
            login
            for login, role in want.members.items()
            if role == "maintainer" and login.lower() in org_members
        )
    )


KIND = register(KindSpec("team", 10, TeamPayload, diff_teams))
