"""team-member: who is in a GitHub team, with which role; organizers are never removed."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.kinds.team import founding_maintainers
from cohort.reconcile.model import ActualState, DesiredState, DesiredTeam, Role
from cohort.reconcile.plan import Action, Change, Payload
from cohort.reconcile.registry import KindSpec, register


@dataclass(frozen=True)
class TeamMemberPayload(Payload):
    team: str
    login: str
    role: Role | None = None  # None: remove


def diff_team_members(desired: DesiredState, actual: ActualState) -> list[Change]:
    """Add, re-role and remove members; pending invitations count as present.

    A team still to be created gets its founding maintainers with the creation request.
    """
    protected = {*desired.protected_logins, actual.viewer.lower()}
    out: list[Change] = []
    for slug, want in desired.teams.items():
        have = actual.teams.get(slug)
        current: dict[str, Role] = dict(have.members) if have else {}
        if have is None:
            current = dict.fromkeys(founding_maintainers(want, actual.org_members), "maintainer")
        pending = {p.lower() for p in have.pending} if have else set()
        out += _upserts(want, current, pending) + _removals(want, current, protected)
    return out


def _upserts(want: DesiredTeam, current: dict[str, Role], pending: set[str]) -> list[Change]:
    lower = {k.lower(): v for k, v in current.items()}
    out = []
    for login, role in want.members.items():
        had = lower.get(login.lower())
        if had == role or (had is None and login.lower() in pending):
            continue
        action: Action = "create" if had is None else "update"
        out.append(
            Change(
                kind="team-member",
                action=action,
                repo=None,
                team=want.cohort_team,
                target=f"{want.slug}/{login}",
                details=(("role", f"{had or '-'} → {role}"),),
                payload=TeamMemberPayload(team=want.slug, login=login, role=role),
            )
        )
    return out


def _removals(want: DesiredTeam, current: dict[str, Role], protected: set[str]) -> list[Change]:
    wanted = {w.lower() for w in want.members}
    return [
        Change(
            kind="team-member",
            action="remove",
            repo=None,
            team=want.cohort_team,
            target=f"{want.slug}/{login}",
            details=(("role", f"{role} → -"),),
            payload=TeamMemberPayload(team=want.slug, login=login),
            destructive=True,
        )
        for login, role in current.items()
        if login.lower() not in wanted and login.lower() not in protected
    ]


def _memberships(desired: DesiredState) -> int:
    return sum(len(team.members) for team in desired.teams.values())


KIND = register(KindSpec("team-member", 100, TeamMemberPayload, diff_team_members, _memberships))
