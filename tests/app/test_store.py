"""The Store contract, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cohort.app.reactions import TrackInstallation
from cohort.app.store import SCHEMA_V1, SQLiteStore, Store
from tests.app.pg import binaries, fresh_database, postgres_server

T0 = 1_800_000_000.0
Opener = Callable[[], Store]


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A private PostgreSQL server for the session (skipped only outside CI when missing)."""
    if binaries() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is missing in CI: scripts/test installs Debian's postgresql")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    with postgres_server() as conninfo:
        yield conninfo


_counter = iter(range(10**6))


@pytest.fixture(params=["sqlite", "postgresql"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens an instance's view of one fresh store (same file, or same database)."""
    opened: list[Store] = []
    if request.param == "sqlite":
        path = tmp_path / "app.db"

        def open_one() -> Store:
            opened.append(SQLiteStore(path))
            return opened[-1]
    else:
        from cohort.app.store_pg import PostgresStore

        conninfo = fresh_database(request.getfixturevalue("postgres"), f"store_{next(_counter)}")

        def open_one() -> Store:
            opened.append(PostgresStore(conninfo, pool_size=4))
            return opened[-1]

    yield open_one
    for store in opened:
        store.close()


@pytest.fixture
def store(opener: Opener) -> Store:
    return opener()


def test_a_delivery_id_is_stored_once(store: Store) -> None:
    assert store.enqueue("d1", "pull_request", b"{}", T0, repo="o/r")
    assert not store.enqueue("d1", "pull_request", b"{}", T0 + 1)
    assert store.pending() == 1
    assert store.status("d1") == "queued"
    assert store.status("nope") is None


def test_claims_take_the_oldest_due_delivery_once(store: Store) -> None:
    store.enqueue("late", "push", b"2", T0 + 5)
    store.enqueue("early", "push", b"1", T0)
    first = store.claim(T0 + 10, "a")
    second = store.claim(T0 + 10, "b")
    assert first is not None
    assert second is not None
    assert (first.delivery, first.body, first.attempts, first.received) == ("early", b"1", 1, T0)
    assert second.delivery == "late"
    assert store.claim(T0 + 10, "c") is None
    assert store.status("early") == "running"


def test_a_finished_delivery_loses_its_body_and_keeps_its_id(store: Store) -> None:
    store.enqueue("d", "pull_request", b"x" * 1000, T0, repo="o/r")
    job = store.claim(T0, "a")
    assert job is not None
    assert store.finish("d", "a", T0 + 1)
    assert store.status("d") == "done"
    assert store.pending() == 0
    [row] = store.deliveries()
    assert (row.status, row.has_body, row.repo, row.attempts) == ("done", False, "o/r", 1)
    assert not store.enqueue("d", "pull_request", b"again", T0 + 2)


def test_an_expired_claim_is_retaken_and_only_the_new_owner_settles(store: Store) -> None:
    store.enqueue("d", "pull_request", b"{}", T0)
    assert store.claim(T0, "dead-instance", lease=60) is not None
    assert store.claim(T0 + 59, "other", lease=60) is None  # still leased
    again = store.claim(T0 + 61, "other", lease=60)
    assert again is not None
    assert again.attempts == 2
    assert not store.finish("d", "dead-instance", T0 + 62)  # its claim was lost
    assert store.status("d") == "running"
    assert store.finish("d", "other", T0 + 62)
    assert store.status("d") == "done"


def test_a_retry_waits_for_its_time(store: Store) -> None:
    store.enqueue("d", "pull_request", b"{}", T0)
    store.claim(T0, "a")
    assert store.retry("d", T0 + 30, "HTTP 502", "a")
    assert store.claim(T0 + 29, "a") is None
    job = store.claim(T0 + 30, "a")
    assert job is not None
    assert job.attempts == 2
    [row] = store.deliveries()
    assert row.error == "HTTP 502"


def test_failed_deliveries_are_listed_and_can_be_requeued(store: Store) -> None:
    store.enqueue("bad", "issue_comment", b"{}", T0, repo="o/a")
    store.enqueue("ok", "pull_request", b"{}", T0 + 1, repo="o/b")
    store.enqueue("waiting", "pull_request", b"{}", T0 + 2)
    store.claim(T0 + 3, "a")
    store.claim(T0 + 3, "a")
    assert store.fail("bad", "x" * 2000, "a", T0 + 4)
    assert store.finish("ok", "a", T0 + 4)
    [failed] = store.deliveries(status="failed")
    assert (failed.id, failed.event, failed.repo, failed.has_body) == (
        "bad",
        "issue_comment",
        "o/a",
        True,
    )
    assert failed.error == "x" * 500
    assert [d.id for d in store.deliveries()] == ["waiting", "ok", "bad"]
    outcome = store.requeue(["bad", "ok", "waiting", "ghost", "bad"], T0 + 10)
    assert outcome.requeued == ("bad",)
    assert (outcome.no_body, outcome.busy, outcome.unknown) == (("ok",), ("waiting",), ("ghost",))
    job = store.claim(T0 + 10, "b")
    assert job is not None
    assert (job.delivery, job.attempts) == ("waiting", 1)
    job = store.claim(T0 + 10, "b")
    assert job is not None
    assert (job.delivery, job.attempts) == ("bad", 1)


def test_prune_drops_old_bodies_and_old_done_rows(store: Store) -> None:
    for n, name in enumerate(("old-done", "old-failed", "new-done", "new-failed")):
        store.enqueue(name, "pull_request", b"payload", T0 + n)
    for _ in range(4):
        store.claim(T0 + 10, "a")
    store.finish("old-done", "a", T0 + 10)
    store.fail("old-failed", "boom", "a", T0 + 10)
    store.finish("new-done", "a", T0 + 1000)
    store.fail("new-failed", "boom", "a", T0 + 1000)
    assert store.prune(T0 + 500) == 2
    rows = {d.id: d for d in store.deliveries()}
    assert sorted(rows) == ["new-done", "new-failed", "old-failed"]
    assert not rows["old-failed"].has_body
    assert rows["new-failed"].has_body
    assert store.requeue(["old-failed"], T0 + 2000).no_body == ("old-failed",)


def test_installations_are_tracked(store: Store) -> None:
    store.track(TrackInstallation(7, "omp", True, ("omp/a", "omp/b"), (), replace=True))
    store.track(TrackInstallation(7, "omp", True, ("omp/c",), ("omp/a",)))
    store.track(TrackInstallation(8, "other", False, (), ()))
    assert store.installations() == {
        7: ("omp", True, ("omp/b", "omp/c")),
        8: ("other", False, ()),
    }


def test_check_passes_on_a_usable_store(store: Store) -> None:
    store.check()


def test_instances_sharing_a_store_claim_each_delivery_once(opener: Opener) -> None:
    first = opener()
    for n in range(120):
        first.enqueue(f"d{n}", "pull_request", b"{}", T0 + n)
    instances = [first, opener(), opener()]
    taken: list[str] = []
    lock = threading.Lock()

    def drain(store: Store, owner: str) -> None:
        while (job := store.claim(T0 + 1000, owner)) is not None:
            assert store.finish(job.delivery, owner, T0 + 1000)
            with lock:
                taken.append(job.delivery)

    threads = [
        threading.Thread(target=drain, args=(s, f"i{n}-t{t}"))
        for n, s in enumerate(instances)
        for t in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(taken) == sorted(f"d{n}" for n in range(120))
    assert first.pending() == 0


def test_an_old_sqlite_file_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_V1)
    db.execute(
        "INSERT INTO deliveries (id, event, body, received, status, next_at, error)"
        " VALUES ('old', 'pull_request', x'7b7d', ?, 'failed', ?, 'HTTP 502')",
        (T0, T0),
    )
    db.commit()
    db.close()
    store = SQLiteStore(path)
    try:
        [row] = store.deliveries(status="failed")
        assert (row.id, row.error, row.has_body) == ("old", "HTTP 502", True)
        assert store.requeue(["old"], T0 + 1).requeued == ("old",)
    finally:
        store.close()
    again = SQLiteStore(path)  # a second start applies nothing twice
    try:
        assert again.status("old") == "queued"
    finally:
        again.close()
