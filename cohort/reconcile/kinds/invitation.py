"""invitation: a pending org invitation is cancelled when its person leaves or changes teams.

GitHub cannot edit the teams of an invitation, so a pending person who moves is cancelled
here and invited again by the team-member kind (which runs after this one). Cancelling is a
removal: it needs --allow-removals past the removal limit, like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualState, DesiredState, PendingInvitation
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, register


@dataclass(frozen=True)
class InvitationPayload(Payload):
    id: int
    login: str


def wanted_teams(desired: DesiredState) -> dict[str, tuple[str, ...]]:
    """Lower-case login -> the GitHub team slugs the cohort wants them in, sorted."""
    out: dict[str, list[str]] = {}
    for slug, team in desired.teams.items():
        for login in team.members:
            out.setdefault(login.lower(), []).append(slug)
    return {login: tuple(sorted(slugs)) for login, slugs in out.items()}


def stale(desired: DesiredState, actual: ActualState) -> list[PendingInvitation]:
    """Invitations whose teams are not exactly the teams the cohort now wants their person in."""
    wanted = wanted_teams(desired)
    return [
        inv
        for login, inv in sorted(actual.invitations.items())
        if inv.teams and wanted.get(login, ()) != inv.teams
    ]


def diff_invitations(desired: DesiredState, actual: ActualState) -> list[Change]:
    wanted = wanted_teams(desired)
    out = []
    for inv in stale(desired, actual):
        now = wanted.get(inv.login.lower(), ())
        team = desired.teams.get(inv.teams[0])
        out.append(
            Change(
                kind="invitation",
                action="remove",
                repo=None,
                team=team.cohort_team if team else None,
                target=inv.login,
                details=(
                    ("cancel", f"sent {inv.created_at[:10]}"),
                    ("teams", f"{', '.join(inv.teams)} → {', '.join(now) or '-'}"),
                ),
                payload=InvitationPayload(id=inv.id, login=inv.login),
                destructive=True,
            )
        )
    return out


def _pending(desired: DesiredState) -> int:
    return 0  # pending people are counted once, as the memberships the cohort wants


KIND = register(KindSpec("invitation", 95, InvitationPayload, diff_invitations, _pending))
