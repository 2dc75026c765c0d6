"""Workers that take deliveries from the store and handle them, with retries and back-off."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from cohort.app.events import BadPayload
from cohort.app.store import Job, Store
from cohort.errors import CohortError

log = logging.getLogger("cohort.app")

Handle = Callable[[str, str, bytes], object]


@dataclass
class Workers:
    """``count`` threads draining the store; ``wake()`` after each enqueue."""

    store: Store
    handle: Handle
    count: int = 2
    max_attempts: int = 5
    backoff: float = 2.0  # seconds, doubled per attempt
    poll: float = 0.5
    _wake: threading.Event = field(default_factory=threading.Event)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
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
            job = self.store.claim(time.time())
            if job is None:
                self._wake.wait(self.poll)
                self._wake.clear()
                continue
            self.run_one(job)

    def run_one(self, job: Job) -> None:
        """Handle one job; transient failures are retried, bad input is not."""
        try:
            self.handle(job.event, job.delivery, job.body)
        except BadPayload as exc:
            self.store.fail(job.delivery, str(exc))
        except (CohortError, OSError) as exc:
            if job.attempts >= self.max_attempts:
                log.warning("delivery %s failed for good: %s", job.delivery, exc)
                self.store.fail(job.delivery, str(exc))
            else:
                at = time.time() + self.backoff * 2 ** (job.attempts - 1)
                self.store.retry(job.delivery, at, str(exc))
        except Exception as exc:  # a bug must not kill the worker
            log.exception("delivery %s: unexpected error", job.delivery)
            self.store.fail(job.delivery, f"{type(exc).__name__}: {exc}")
        else:
            self.store.finish(job.delivery)
