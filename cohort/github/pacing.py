"""Write pacing: one write at a time, a minimum gap, and caps on content-creating requests."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from cohort.clock import Clock


@dataclass
class Pacing:
    """GitHub's integrator guidance: ≥ 1 s between writes, ≤ 80 creates/min, ≤ 500/h."""

    min_interval: float = 1.0
    per_minute: int = 80
    per_hour: int = 500


GITHUB_HOSTS = ("api.github.com",)


def pacing_for(api_url: str, interval: str | None) -> Pacing:
    """Pacing from ``COHORT_WRITE_INTERVAL`` (seconds); never under 1 s against github.com."""
    try:
        seconds = float(interval) if interval else 1.0
    except ValueError:
        seconds = 1.0
    if any(host in api_url for host in GITHUB_HOSTS):
        seconds = max(seconds, 1.0)
    return Pacing(min_interval=max(seconds, 0.0))


@dataclass
class Pacer:
    """Decides how long to wait before the next write; records what was sent."""

    clock: Clock
    pacing: Pacing = field(default_factory=Pacing)
    _last_write: float | None = None
    _created: deque[float] = field(default_factory=deque)

    def wait_before(self, content_created: int) -> None:
        """Sleep until a write creating ``content_created`` objects is allowed."""
        self.clock.sleep(self.delay(content_created))

    def delay(self, content_created: int) -> float:
        now = self.clock.now()
        wait = 0.0
        if self._last_write is not None:
            wait = max(wait, self._last_write + self.pacing.min_interval - now)
        if content_created:
            wait = max(wait, self._window_wait(now, content_created, 60.0, self.pacing.per_minute))
            wait = max(wait, self._window_wait(now, content_created, 3600.0, self.pacing.per_hour))
        return max(0.0, wait)

    def _window_wait(self, now: float, n: int, window: float, cap: int) -> float:
        recent = [t for t in self._created if t > now - window]
        if len(recent) + n <= cap:
            return 0.0
        # wait until enough of the oldest creations leave the window
        index = len(recent) + n - cap - 1
        return recent[min(index, len(recent) - 1)] + window - now

    def record(self, content_created: int) -> None:
        now = self.clock.now()
        self._last_write = now
        self._created.extend([now] * content_created)
        while self._created and self._created[0] <= now - 3600.0:
            self._created.popleft()
