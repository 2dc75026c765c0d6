"""Workers: capped back-off within a total time, dead letters, leases retaken, pruning."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from cohort.app.store import Job, SQLiteStore
from cohort.app.worker import RetryPolicy, Workers
from cohort.errors import GitHubError

T0 = 1_800_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    s = SQLiteStore()
    yield s
    s.close()


def test_back_off_doubles_up_to_the_cap() -> None:
    policy = RetryPolicy(first=2.0, cap=600.0, give_up_after=6 * 3600)
    delays = [policy.next_at(Job("d", "e", b"", n, T0), T0) for n in (1, 2, 3, 9, 10, 40)]
    assert [None if d is None else d - T0 for d in delays] == [2, 4, 8, 512, 600, 600]


def test_retries_stop_once_the_total_time_is_spent() -> None:
    policy = RetryPolicy(first=2.0, cap=600.0, give_up_after=3600)
    job = Job("d", "e", b"", 12, received=T0)
    assert policy.next_at(job, T0 + 2999) == T0 + 3599
    assert policy.next_at(job, T0 + 3001) is None


def test_an_outage_of_an_hour_is_survived_and_a_longer_one_dead_letters(
    store: SQLiteStore,
) -> None:
    clock = Clock()
    outage_until = T0 + 3600
    done: list[str] = []

    def handle(event: str, delivery: str, body: bytes) -> None:
        if clock.now < outage_until:
            raise GitHubError("HTTP 502")
        done.append(delivery)

    workers = Workers(store, handle, count=0, clock=clock, give_up_after=2 * 3600)
    store.enqueue("survives", "pull_request", b"{}", T0)
    store.enqueue("too-late", "pull_request", b"{}", T0 - 2 * 3600 + 60)
    while store.pending():
        job = store.claim(clock.now, workers.owner)
        if job is None:
            clock.now += 30
            continue
        workers.run_one(job)
    assert done == ["survives"]
    assert store.status("too-late") == "failed"
    [dead] = store.deliveries(status="failed")
    assert dead.error == "GitHubError: HTTP 502"


def test_a_dead_instances_claim_is_retaken_after_the_lease(
    store: SQLiteStore, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    handled: list[str] = []
    dead = Workers(store, lambda *a: None, count=0, clock=clock, lease=300, owner="dead")
    alive = Workers(
        store, lambda e, d, b: handled.append(d), count=0, clock=clock, lease=300, owner="alive"
    )
    store.enqueue("d", "pull_request", b"{}", T0)
    held = store.claim(clock.now, dead.owner, dead.lease)
    assert held is not None
    assert store.claim(clock.now + 299, alive.owner, alive.lease) is None
    clock.now += 301
    retaken = store.claim(clock.now, alive.owner, alive.lease)
    assert retaken is not None
    alive.run_one(retaken)
    assert handled == ["d"]
    assert store.status("d") == "done"
    caplog.set_level(logging.WARNING)
    dead.run_one(held)  # the dead instance comes back late: its result is dropped
    assert store.status("d") == "done"
    assert "claim lost" in caplog.records[-1].getMessage()


def test_pruning_runs_at_most_every_interval(store: SQLiteStore) -> None:
    clock = Clock()
    workers = Workers(store, lambda *a: None, count=0, clock=clock, retention=86400)
    store.enqueue("old", "pull_request", b"{}", T0)
    job = store.claim(T0, workers.owner)
    assert job is not None
    workers.run_one(job)
    clock.now += 86400 + 1
    workers.prune_if_due()
    assert store.status("old") is None
    store.enqueue("new", "pull_request", b"{}", clock.now)
    job = store.claim(clock.now, workers.owner)
    assert job is not None
    workers.run_one(job)
    clock.now += 86400 + 1
    workers._pruned = clock.now - 1  # pruned a second ago: not again yet
    workers.prune_if_due()
    assert store.status("new") == "done"
