"""The plan as a value: changes, their order, and a digest that pins what was reviewed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Literal, TypeVar

Action = Literal["create", "update", "remove", "archive"]


@dataclass(frozen=True)
class Payload:
    """What apply needs to make one change; each kind subclasses it with its own fields.

    A field left ``None`` is not part of the change (a removal carries no role), so it is
    left out of :meth:`as_data` and of the plan digest.
    """

    def as_data(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = value
        return out


P = TypeVar("P", bound=Payload)


@dataclass(frozen=True, kw_only=True)
class Change:
    """One change to one object on GitHub."""

    kind: str  # a registered kind's name (see cohort.reconcile.registry)
    action: Action
    repo: str | None  # the team repository it belongs to (None for org-level objects)
    team: str | None  # the cohort team it belongs to, for grouping
    target: str  # what is changed, for people: a label name, a login, a path list
    details: tuple[tuple[str, str], ...] = ()  # (field, "old → new") for people
    payload: Payload = field(default=Payload(), compare=False)  # what apply needs; in the digest
    destructive: bool = False  # removes, archives or publishes: the plan shows it apart
    publishes: bool = False  # makes a private repository public (needs --allow-publish)

    def __post_init__(self) -> None:
        if (self.action in ("remove", "archive") or self.publishes) and not self.destructive:
            raise ValueError(f"{self.action} {self.kind} {self.target} must be destructive")

    def payload_as(self, kind: type[P]) -> P:
        """The payload as the kind's own type (a wrong type is a bug in a differ)."""
        if not isinstance(self.payload, kind):
            raise TypeError(f"{self.kind} change carries {type(self.payload).__name__}")
        return self.payload

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
            [{**c.as_json(), "data": c.payload.as_data()} for c in self.changes],
            sort_keys=True,
            default=str,
            separators=(",", ":"),
        )
        return hashlib.sha256(canon.encode()).hexdigest()

    def destructive(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.destructive)

    def publishing(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.publishes)

    def counts(self) -> dict[str, int]:
        out = {"create": 0, "update": 0, "remove": 0, "archive": 0}
        for c in self.changes:
            out[c.action] += 1
        return out
