"""Modelled run time of a request log under all three of GitHub's write caps (GITHUB.md)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

READ_LATENCY = 0.3  # seconds a read takes, stated with every figure
WRITE_LATENCY = 0.5


@dataclass(frozen=True)
class Step:
    write: bool
    content_created: int


def modelled_seconds(steps: Iterable[Step]) -> float:
    """Serial requests; writes ≥ 1 s apart; ≤ 80 created objects a minute, ≤ 500 an hour."""
    t = 0.0
    last_write: float | None = None
    created: deque[float] = deque()
    for step in steps:
        if not step.write:
            t += READ_LATENCY
            continue
        if last_write is not None:
            t = max(t, last_write + 1.0)
        for window, cap in ((60.0, 80), (3600.0, 500)):
            t = _fit(t, created, window, cap, step.content_created)
        last_write = t
        created.extend([t] * step.content_created)
        t += WRITE_LATENCY
    return t


def _fit(t: float, created: deque[float], window: float, cap: int, n: int) -> float:
    if n == 0:
        return t
    recent = [c for c in created if c > t - window]
    while len(recent) + n > cap:
        t = recent[len(recent) + n - cap - 1] + window
        recent = [c for c in created if c > t - window]
    return t
