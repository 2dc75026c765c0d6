"""A seeded fault plan: which request fails, and how."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

KINDS = frozenset(
    {
        "5xx",
        "secondary-rate-limit",
        "primary-rate-limit",
        "429",
        "graphql-rate-limited",
        "resource-limits",
        "partial-batch",
        "connection-reset",
        "timeout",
        "lost-response",
    }
)


@dataclass(frozen=True)
class Fault:
    """One rule: fire on the k-th matching write or request, or with a probability."""

    kind: str
    on_write: int | None = None
    on_request: int | None = None
    probability: float = 0.0
    match: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; known: {sorted(KINDS)}")


@dataclass
class FaultPlan:
    """Rules tried in order for each request; deterministic for a seed."""

    seed: int
    rules: list[Fault]
    fired: list[tuple[int, str]] = field(default_factory=list)
    _writes: dict[int, int] = field(default_factory=dict)
    _requests: dict[int, int] = field(default_factory=dict)
    _rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def decide(self, names: set[str], is_write: bool, number: int) -> Fault | None:
        """The fault for request ``number`` (names: operationId and mutation names)."""
        chosen: Fault | None = None
        for index, rule in enumerate(self.rules):
            if rule.match is not None and rule.match not in names:
                continue
            self._requests[index] = self._requests.get(index, 0) + 1
            if is_write:
                self._writes[index] = self._writes.get(index, 0) + 1
            hit = (
                rule.on_request == self._requests[index]
                or (is_write and rule.on_write == self._writes[index])
                or (rule.probability > 0 and self._rng.random() < rule.probability)
            )
            if hit and chosen is None:
                chosen = rule
        if chosen is not None:
            self.fired.append((number, chosen.kind))
        return chosen


class InjectedDisconnect(Exception):
    """Raised by ``Sandbox.handle`` when a fault drops the connection; transports map it."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind
