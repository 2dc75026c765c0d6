"""topics: a team repository's topics, replaced as a whole."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualRepo, DesiredRepo
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, per_repo, register


@dataclass(frozen=True)
class TopicsPayload(Payload):
    repo: str
    topics: tuple[str, ...]


def diff_topics(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    current = tuple(sorted(have.topics)) if have else ()
    if current == want.topics:
        return []
    return [
        Change(
            kind="topics",
            action="update" if have else "create",
            repo=want.name,
            team=want.team,
            target=", ".join(want.topics),
            details=(("topics", f"{list(current)} → {list(want.topics)}"),),
            payload=TopicsPayload(repo=want.name, topics=tuple(want.topics)),
        )
    ]


KIND = register(KindSpec("topics", 30, TopicsPayload, per_repo(diff_topics)))
