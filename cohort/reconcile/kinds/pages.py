"""pages: GitHub Pages enabled (build_type workflow) for scaffolds that deploy to Pages.

Enabled before the first scaffold commit, so the scaffold's first deploy run can pass. Read
and planned only until the repository carries its stamp: afterwards Pages belongs to the team.
"""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import STAMP_PATH, ActualState, DesiredState
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, register


@dataclass(frozen=True)
class PagesPayload(Payload):
    repo: str
    build_type: str


def diff_pages(desired: DesiredState, actual: ActualState) -> list[Change]:
    out = []
    for name, want in desired.repos.items():
        have = actual.repos.get(name)
        if want.pages is None or (have and (have.file_oids.get(STAMP_PATH) or have.pages)):
            continue
        if want.visibility != "public" and actual.plan == "free":
            continue  # GitHub refuses Pages for private repositories on the free plan
        out.append(
            Change(
                kind="pages",
                action="create",
                repo=name,
                team=want.team,
                target=name,
                details=(("build_type", want.pages),),
                payload=PagesPayload(repo=name, build_type=want.pages),
            )
        )
    return out


KIND = register(KindSpec("pages", 45, PagesPayload, diff_pages))
