"""Workers that take deliveries from the store and handle them, with retries and back-off.

Each server instance has its own owner name; its claims carry a lease, so a delivery held by an
instance that died is taken again by another once the lease passes. Transient failures are
retried with doubling, capped back-off until ``give_up_after`` seconds after the delivery
arrived; then, or at once for bad input, the delivery is ``failed`` (the dead-letter state,
listed by ``cohort app deliveries --status failed``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from cohort.app.events import BadPayload
from cohort.app.logs import delivery_context
from cohort.app.store import Job, Store
from cohort.errors import CohortError

log = logging.getLogger("cohort.app")

Handle = Callable[[str, str, bytes], object]
# Input that will never succeed: the body is not what an event should be.
BAD_INPUT = (BadPayload, ValueError, RecursionError, UnicodeError)


@dataclass(frozen=True)
class RetryPolicy:
    """Back-off ``first × 2^(n-1)`` capped at ``cap``; give up ``give_up_after`` s after arrival."""

    first: float = 2.0
    cap: float = 600.0
    give_up_after: float = 6 * 3600.0

    def next_at(self, job: Job, now: float) -> float | None:
        """When to try ``job`` again, or None when its time is up (pure)."""
        delay = min(self.cap, self.first * 2.0 ** min(job.attempts - 1, 60))
        at = now + delay
        if at - job.received > self.give_up_after:
            return None
        return at


def instance_name() -> str:
    """A name for this process that no other instance shares (host, pid, random)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class Workers:
    """``count`` threads draining the store; ``wake()`` after each enqueue."""

    store: Store
    handle: Handle
    count: int = 2
    backoff: float = 2.0  # seconds before the first retry, doubled per attempt
    poll: float = 0.5
    lease: float = 300.0
    max_backoff: float = 600.0
    give_up_after: float = 6 * 3600.0
    retention: float = 7 * 86400.0
    prune_every: float = 300.0
    owner: str = field(default_factory=instance_name)
    clock: Callable[[], float] = time.time
    _wake: threading.Event = field(default_factory=threading.Event)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _pruned: float = 0.0
    _prune_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def policy(self) -> RetryPolicy:
        return RetryPolicy(self.backoff, self.max_backoff, self.give_up_after)

    def start(self) -> None:
        self._stop.clear()
        for n in range(self.count):
            thread = threading.Thread(target=self._run, name=f"cohort-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking work; wait for the jobs in hand (bounded by ``timeout``)."""
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.prune_if_due()
                job = self.store.claim(self.clock(), self.owner, self.lease)
            except Exception as exc:  # the store is down: say so once per poll, keep trying
                log.warning("store unavailable: %s: %s", type(exc).__name__, exc)
                self._stop.wait(max(self.poll, 1.0))
                continue
            if job is None:
                self._wake.wait(self.poll)
                self._wake.clear()
                continue
            with delivery_context(job.delivery):
                self.run_one(job)

    def prune_if_due(self) -> None:
        """Drop old bodies and old finished rows, at most every ``prune_every`` seconds."""
        now = self.clock()
        with self._prune_lock:
            if now - self._pruned < self.prune_every:
                return
            self._pruned = now
        gone = self.store.prune(now - self.retention)
        if gone:
            log.info("pruned %d old deliveries", gone)

    def run_one(self, job: Job) -> None:
        """Handle one job; transient failures are retried, bad input is not."""
        try:
            self.handle(job.event, job.delivery, job.body)
        except BAD_INPUT as exc:
            log.warning("%s delivery rejected: %s: %s", job.event, type(exc).__name__, exc)
            self._settle(self.store.fail(job.delivery, _reason(exc), self.owner, self.clock()))
        except (CohortError, OSError) as exc:
            self._transient(job, exc)
        except Exception as exc:  # a bug must not kill the worker
            log.exception("%s delivery: unexpected error", job.event)
            self._settle(self.store.fail(job.delivery, _reason(exc), self.owner, self.clock()))
        else:
            self._settle(self.store.finish(job.delivery, self.owner, self.clock()))

    def _transient(self, job: Job, exc: Exception) -> None:
        now = self.clock()
        at = self.policy.next_at(job, now)
        if at is None:
            log.warning("failed for good after %d attempts: %s", job.attempts, _reason(exc))
            self._settle(self.store.fail(job.delivery, _reason(exc), self.owner, now))
            return
        log.info("attempt %d failed (%s); retry in %.0f s", job.attempts, _reason(exc), at - now)
        self._settle(self.store.retry(job.delivery, at, _reason(exc), self.owner))

    def _settle(self, kept: bool) -> None:
        if not kept:
            log.warning("claim lost (lease expired and another instance took it); result dropped")


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
