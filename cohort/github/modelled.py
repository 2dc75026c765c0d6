"""Modelled run time of a request sequence under GitHub's three write caps, in integer ms.

One model for ``cohort demo`` and the benchmarks: serial requests; a read takes 300 ms, a
write 500 ms; writes start at least 1 s apart; at most 80 content-creating objects in any
minute and 500 in any hour. Integer milliseconds keep the arithmetic exact, so simulated time
always advances (floating-point seconds once stalled it: ``x + 3600 - 3600 != x``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

READ_MS = 300
WRITE_MS = 500
GAP_MS = 1_000
CAPS = ((60_000, 80), (3_600_000, 500))  # (window in ms, content-creating objects allowed)


class UnschedulableError(ValueError):
    """One write creates more objects than a window allows: no wait can make it fit."""


@dataclass(frozen=True)
class Step:
    write: bool
    content_created: int = 0


def modelled_ms(steps: Iterable[Step]) -> int:
    """When the last request of ``steps`` finishes, in ms from the start."""
    t = 0
    last_write: int | None = None
    created: list[int] = []  # start times of content-creating writes, one entry per object
    for step in steps:
        if not step.write:
            t += READ_MS
            continue
        if last_write is not None:
            t = max(t, last_write + GAP_MS)
        t = earliest(t, created, step.content_created)
        last_write = t
        created.extend([t] * step.content_created)
        t += WRITE_MS
    return t


def earliest(t: int, created: list[int], n: int) -> int:
    """The first time ≥ ``t`` at which ``n`` more objects fit every window (sorted input)."""
    if n == 0:
        return t
    for _, cap in CAPS:
        if n > cap:
            raise UnschedulableError(f"one write creates {n} objects; at most {cap} fit")
    moved = True
    while moved:  # each move strictly increases t, and t is bounded by max(created) + window
        moved = False
        for window, cap in CAPS:
            first = bisect_right(created, t - window)  # oldest creation still in the window
            excess = len(created) - first + n - cap
            if excess > 0:
                t = created[first + excess - 1] + window
                moved = True
    return t


def modelled_seconds(steps: Iterable[Step]) -> int:
    """Modelled time rounded up to whole seconds."""
    return -(-modelled_ms(steps) // 1000)
