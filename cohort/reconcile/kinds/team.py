"""team: a GitHub team per cohort team (and the organizers'), created once."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualState, DesiredState
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, register


@dataclass(frozen=True)
class TeamPayload(Payload):
    slug: str
    name: str
    description: str


def diff_teams(desired: DesiredState, actual: ActualState) -> list[Change]:
    return [
        Change(
            kind="team",
            action="create",
            repo=None,
            team=want.cohort_team,
            target=want.slug,
            payload=TeamPayload(slug=want.slug, name=want.name, description=want.description),
        )
        for slug, want in desired.teams.items()
        if actual.teams.get(slug) is None
    ]


KIND = register(KindSpec("team", 10, TeamPayload, diff_teams))
