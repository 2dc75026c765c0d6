"""Clocks: the real one, and a simulated one that tests and the sandbox share."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """What pacing, back-off and the sandbox need to know about time."""

    def now(self) -> float:
        """Seconds since an arbitrary epoch (monotonic)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds``; a simulated clock just moves forward."""
        ...

    def wall(self) -> float:
        """Unix time in seconds (for rate-limit reset headers and JWTs)."""
        ...


class SystemClock:
    """Real time."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def wall(self) -> float:
        return time.time()


class SimulatedClock:
    """Time that only moves when someone sleeps or advances it; starts at a fixed Unix time."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self._t = start
        self.slept: list[float] = []

    def now(self) -> float:
        return self._t

    def wall(self) -> float:
        return self._t

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.slept.append(seconds)
            self._t += seconds

    def advance(self, seconds: float) -> None:
        self._t += max(0.0, seconds)
