"""archive: a team repository archived at the end of the program (needs --allow-archive)."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualRepo, DesiredRepo
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, per_repo, register


@dataclass(frozen=True)
class ArchivePayload(Payload):
    name: str


def diff_archive(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    if have is None or not want.archived or have.archived:
        return []
    return [
        Change(
            kind="archive",
            action="archive",
            repo=want.name,
            team=want.team,
            target=want.name,
            payload=ArchivePayload(name=want.name),
            destructive=True,
        )
    ]


KIND = register(KindSpec("archive", 120, ArchivePayload, per_repo(diff_archive)))
