"""repo: a team repository's existence, description and visibility."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualRepo, DesiredRepo
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, per_repo, register


@dataclass(frozen=True)
class RepoPayload(Payload):
    name: str
    visibility: str
    description: str
    team: str | None = None  # the GitHub team given access at creation (create only)


def diff_repo(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    if have is None:
        return [
            Change(
                kind="repo",
                action="create",
                repo=want.name,
                team=want.team,
                target=want.name,
                details=(("visibility", want.visibility),),
                payload=RepoPayload(
                    name=want.name,
                    visibility=want.visibility,
                    description=want.description,
                    team=want.github_team,
                ),
            )
        ]
    details = []
    if have.description != want.description:
        details.append(("description", f"{have.description!r} → {want.description!r}"))
    if have.visibility != want.visibility:
        details.append(("visibility", f"{have.visibility} → {want.visibility}"))
    if not details:
        return []
    publishes = have.visibility != "public" and want.visibility == "public"
    return [
        Change(
            kind="repo",
            action="update",
            repo=want.name,
            team=want.team,
            target=want.name,
            details=tuple(details),
            payload=RepoPayload(
                name=want.name, visibility=want.visibility, description=want.description
            ),
            destructive=publishes,
            publishes=publishes,
        )
    ]


KIND = register(KindSpec("repo", 20, RepoPayload, per_repo(diff_repo)))
