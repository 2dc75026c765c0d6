"""collaborator: direct grants to mentors; invitations count as present."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualRepo, DesiredRepo, DesiredState, Permission
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, per_repo, register


@dataclass(frozen=True)
class CollaboratorPayload(Payload):
    repo: str
    login: str
    permission: Permission | None = None  # None: remove


def diff_collaborators(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    """Grant and re-grant; former mentors (managed logins no longer wanted) lose theirs."""
    granted = {k.lower(): v for k, v in (have.collaborators if have else {}).items()}
    invited = {k.lower(): v for k, v in (have.pending_collaborators if have else {}).items()}
    present = {**granted, **invited}
    out = [
        Change(
            kind="collaborator",
            action="create" if login.lower() not in present else "update",
            repo=want.name,
            team=want.team,
            target=login,
            details=(("permission", f"{present.get(login.lower(), '-')} → {perm}"),),
            payload=CollaboratorPayload(repo=want.name, login=login, permission=perm),
        )
        for login, perm in want.collaborators.items()
        if present.get(login.lower()) != perm
    ]
    wanted = {w.lower() for w in want.collaborators}
    out += [
        Change(
            kind="collaborator",
            action="remove",
            repo=want.name,
            team=want.team,
            target=login,
            details=(("permission", f"{perm} → -"),),
            payload=CollaboratorPayload(repo=want.name, login=login),
            destructive=True,
        )
        for login, perm in (have.collaborators if have else {}).items()
        if login.lower() in want.managed_collaborators and login.lower() not in wanted
    ]
    return out


def _grants(desired: DesiredState) -> int:
    return sum(len(repo.collaborators) for repo in desired.repos.values())


KIND = register(
    KindSpec("collaborator", 110, CollaboratorPayload, per_repo(diff_collaborators), _grants)
)
