"""The plan as a value: changes, their order, and a digest that pins what was reviewed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal, get_args

# The kinds, in the explicit order apply runs them: each kind needs only what earlier ones made.
Kind = Literal[
    "team", "repo", "topics", "milestone", "files", "label", "protection", "team-repo",
    "issue", "team-member", "collaborator", "archive",
]  # fmt: skip
Action = Literal["create", "update", "remove", "archive"]
ORDER: tuple[Kind, ...] = get_args(Kind)


@dataclass(frozen=True)
class Change:
    """One change to one object on GitHub."""

    kind: Kind
    action: Action
    repo: str | None  # the team repository it belongs to (None for org-level objects)
    team: str | None  # the cohort team it belongs to, for grouping
    target: str  # what is changed, for people: a label name, a login, a path list
    details: tuple[tuple[str, str], ...] = ()  # (field, "old → new") for people
    data: dict[str, object] = field(default_factory=dict, compare=False)  # what apply needs

    @property
    def destructive(self) -> bool:
        return self.action in ("remove", "archive") or any(
            name == "visibility" and new.endswith("→ public") for name, new in self.details
        )

    def key(self) -> str:
        return f"{self.kind}:{self.action}:{self.repo or ''}:{self.target}"

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "action": self.action,
            "repo": self.repo,
            "team": self.team,
            "target": self.target,
            "details": dict(self.details),
            "destructive": self.destructive,
        }


@dataclass(frozen=True)
class Plan:
    """Every change, in apply order, plus notes for people."""

    org: str
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()
    managed_access: int = 0  # memberships and grants the cohort manages (for removal limits)

    @property
    def empty(self) -> bool:
        return not self.changes

    def digest(self) -> str:
        """sha256 over the changes (content included), stable across runs."""
        canon = json.dumps(
            [{**c.as_json(), "data": c.data} for c in self.changes],
            sort_keys=True,
            default=str,
            separators=(",", ":"),
        )
        return hashlib.sha256(canon.encode()).hexdigest()

    def destructive(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.destructive)

    def counts(self) -> dict[str, int]:
        out = {"create": 0, "update": 0, "remove": 0, "archive": 0}
        for c in self.changes:
            out[c.action] += 1
        return out


def ordered(changes: list[Change]) -> tuple[Change, ...]:
    """Sort changes by kind order, keeping each kind's own order stable."""
    rank = {kind: i for i, kind in enumerate(ORDER)}
    return tuple(sorted(changes, key=lambda c: rank[c.kind]))
