"""Durable deliveries and installation records: the Store protocol and its SQLite version.

A delivery moves ``queued → running → done`` (or back to ``queued`` with a later ``next_at``
after a transient failure, or to ``failed``, the dead-letter state). ``running`` carries a claim:
the owner (one server instance) and a lease; a claim whose lease has passed is taken again by
any instance, and only the current owner may finish it. ``cohort.app.store_pg`` is the same
contract on PostgreSQL, for several instances.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cohort.app.reactions import TrackInstallation

STATUSES = ("queued", "running", "done", "failed")
ERROR_CHARS = 500

# Version 1 is the schema before claims and leases (issue 20); the migrations bring any older
# file up to date at start. ``user_version`` records where a file stands.
SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY, event TEXT NOT NULL, body BLOB NOT NULL, received REAL NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at REAL NOT NULL,
  error TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_at);
CREATE TABLE IF NOT EXISTS installations (
  id INTEGER PRIMARY KEY, account TEXT NOT NULL, active INTEGER NOT NULL, repos TEXT NOT NULL);
"""
SQLITE_MIGRATIONS: tuple[str, ...] = (
    SCHEMA_V1,
    """
    ALTER TABLE deliveries ADD COLUMN repo TEXT NOT NULL DEFAULT '';
    ALTER TABLE deliveries ADD COLUMN owner TEXT NOT NULL DEFAULT '';
    ALTER TABLE deliveries ADD COLUMN lease_until REAL NOT NULL DEFAULT 0;
    ALTER TABLE deliveries ADD COLUMN updated REAL NOT NULL DEFAULT 0;
    CREATE INDEX IF NOT EXISTS deliveries_lease ON deliveries (status, lease_until);
    CREATE INDEX IF NOT EXISTS deliveries_updated ON deliveries (status, updated);
    """,
)


@dataclass(frozen=True)
class Job:
    """A delivery to work on, claimed by one owner until ``lease_until``."""

    delivery: str
    event: str
    body: bytes
    attempts: int
    received: float = 0.0


@dataclass(frozen=True)
class Delivery:
    """One stored delivery as the operator sees it (``cohort app deliveries``)."""

    id: str
    event: str
    repo: str
    status: str
    attempts: int
    error: str
    received: float
    updated: float
    has_body: bool


@dataclass(frozen=True)
class Requeued:
    """What ``requeue`` did with each id: requeued, unknown, or kept (no body / in progress)."""

    requeued: tuple[str, ...]
    unknown: tuple[str, ...]
    no_body: tuple[str, ...]
    busy: tuple[str, ...]


class Store(Protocol):
    """What the server, its workers and the operator commands need from storage."""

    def enqueue(self, delivery: str, event: str, body: bytes, now: float, repo: str = "") -> bool:
        """Store a new delivery; False when this id was seen before (by any instance)."""
        ...

    def pending(self) -> int: ...
    def claim(self, now: float, owner: str = "", lease: float = 300.0) -> Job | None:
        """Take the oldest due delivery, or one whose claim expired; None when idle."""
        ...

    def finish(self, delivery: str, owner: str = "", now: float = 0.0) -> bool:
        """Done; the body is dropped. False when the claim is no longer ``owner``'s."""
        ...

    def retry(self, delivery: str, at: float, error: str, owner: str = "") -> bool: ...
    def fail(self, delivery: str, error: str, owner: str = "", now: float = 0.0) -> bool: ...
    def status(self, delivery: str) -> str | None: ...
    def deliveries(self, status: str | None = None, limit: int = 100) -> list[Delivery]: ...
    def requeue(self, ids: Sequence[str], now: float) -> Requeued: ...
    def prune(self, before: float) -> int:
        """Drop bodies of failed deliveries and whole done ones last changed before ``before``."""
        ...

    def check(self) -> None:
        """Raise if the store cannot be used (for ``/healthz``)."""
        ...

    def track(self, change: TrackInstallation) -> None: ...
    def installations(self) -> dict[int, tuple[str, bool, tuple[str, ...]]]: ...
    def close(self) -> None: ...


def merged_repos(before: Iterable[str] | None, change: TrackInstallation) -> tuple[str, ...]:
    """An installation's repositories after ``change`` (pure; shared by both stores)."""
    repos = set() if before is None or change.replace else set(before)
    return tuple(sorted((repos | set(change.added)) - set(change.removed)))


def split_requeue(
    ids: Sequence[str], found: dict[str, tuple[str, bool]]
) -> tuple[list[str], Requeued]:
    """Which ids to requeue given ``found[id] = (status, has_body)`` (pure)."""
    go, unknown, no_body, busy = [], [], [], []
    for delivery in dict.fromkeys(ids):
        if delivery not in found:
            unknown.append(delivery)
        elif found[delivery][0] in ("queued", "running"):
            busy.append(delivery)
        elif not found[delivery][1]:
            no_body.append(delivery)
        else:
            go.append(delivery)
    return go, Requeued(tuple(go), tuple(unknown), tuple(no_body), tuple(busy))


class SQLiteStore:
    """One SQLite file (WAL), shared by one server's threads behind a lock: one instance."""

    def __init__(self, path: Path | str = ":memory:") -> None:
        self._db = sqlite3.connect(
            str(path), check_same_thread=False, isolation_level=None, timeout=30
        )
        self._lock = threading.Lock()
        with self._lock:
            if str(path) != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
                # a burst's WAL is folded back and truncated, so the file stays bounded
                self._db.execute("PRAGMA journal_size_limit=67108864")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
            # one instance per file: what it was running when it stopped is due again
            self._db.execute(
                "UPDATE deliveries SET status='queued', owner='' WHERE status='running'"
            )

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        for number, script in enumerate(SQLITE_MIGRATIONS, start=1):
            if number > version:
                self._db.executescript(f"BEGIN; {script}; PRAGMA user_version={number}; COMMIT;")

    def enqueue(self, delivery: str, event: str, body: bytes, now: float, repo: str = "") -> bool:
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO deliveries"
                " (id, event, body, received, status, next_at, repo, updated)"
                " VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
                (delivery, event, body, now, now, repo, now),
            )
            return cur.rowcount == 1

    def pending(self) -> int:
        with self._lock:
            row = self._db.execute(
                "SELECT count(*) FROM deliveries WHERE status IN ('queued','running')"
            ).fetchone()
        return int(row[0])

    def claim(self, now: float, owner: str = "", lease: float = 300.0) -> Job | None:
        with self._lock:  # one statement, so atomic even across connections to the file
            row = self._db.execute(
                "UPDATE deliveries SET status='running', attempts=attempts+1, owner=?,"
                " lease_until=?, updated=? WHERE id = (SELECT id FROM deliveries"
                " WHERE (status='queued' AND next_at <= ?)"
                " OR (status='running' AND lease_until < ?)"
                " ORDER BY next_at, received LIMIT 1)"
                " RETURNING id, event, body, attempts, received",
                (owner, now + lease, now, now, now),
            ).fetchone()
        if row is None:
            return None
        return Job(str(row[0]), str(row[1]), bytes(row[2]), int(row[3]), float(row[4]))

    def _settle(self, delivery: str, owner: str, sql: str, args: tuple[object, ...]) -> bool:
        with self._lock:
            cur = self._db.execute(
                f"UPDATE deliveries SET {sql} WHERE id=? AND status='running' AND owner=?",
                (*args, delivery, owner),
            )
            return cur.rowcount == 1

    def finish(self, delivery: str, owner: str = "", now: float = 0.0) -> bool:
        return self._settle(
            delivery, owner, "status='done', body=x'', error='', owner='', updated=?", (now,)
        )

    def retry(self, delivery: str, at: float, error: str, owner: str = "") -> bool:
        return self._settle(
            delivery,
            owner,
            "status='queued', next_at=?, error=?, owner=''",
            (at, error[:ERROR_CHARS]),
        )

    def fail(self, delivery: str, error: str, owner: str = "", now: float = 0.0) -> bool:
        return self._settle(
            delivery,
            owner,
            "status='failed', error=?, owner='', updated=?",
            (error[:ERROR_CHARS], now),
        )

    def status(self, delivery: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT status FROM deliveries WHERE id=?", (delivery,)
            ).fetchone()
        return None if row is None else str(row[0])

    def deliveries(self, status: str | None = None, limit: int = 100) -> list[Delivery]:
        where, args = ("WHERE status=?", (status,)) if status else ("", ())
        with self._lock:
            rows = self._db.execute(
                "SELECT id, event, repo, status, attempts, error, received, updated,"
                f" length(body) > 0 FROM deliveries {where} ORDER BY received DESC LIMIT ?",
                (*args, limit),
            ).fetchall()
        return [_delivery(r) for r in rows]

    def requeue(self, ids: Sequence[str], now: float) -> Requeued:
        with self._lock:
            found = {
                str(r[0]): (str(r[1]), bool(r[2]))
                for delivery in dict.fromkeys(ids)
                for r in self._db.execute(
                    "SELECT id, status, length(body) > 0 FROM deliveries WHERE id=?", (delivery,)
                )
            }
            go, outcome = split_requeue(ids, found)
            for delivery in go:
                self._db.execute(
                    "UPDATE deliveries SET status='queued', attempts=0, error='', next_at=?,"
                    " received=?, updated=? WHERE id=?",
                    (now, now, now, delivery),
                )
        return outcome

    def prune(self, before: float) -> int:
        with self._lock:
            gone = self._db.execute(
                "DELETE FROM deliveries WHERE status='done' AND updated < ?", (before,)
            ).rowcount
            gone += self._db.execute(
                "UPDATE deliveries SET body=x'' WHERE status='failed' AND updated < ?"
                " AND length(body) > 0",
                (before,),
            ).rowcount
        return int(gone)

    def check(self) -> None:
        with self._lock:
            self._db.execute("SELECT 1 FROM deliveries LIMIT 1").fetchall()

    def track(self, change: TrackInstallation) -> None:
        """Apply an installation record: active flag and repository list."""
        with self._lock:
            row = self._db.execute(
                "SELECT repos FROM installations WHERE id=?", (change.installation_id,)
            ).fetchone()
            repos = merged_repos(None if row is None else json.loads(row[0]), change)
            self._db.execute(
                "INSERT OR REPLACE INTO installations (id, account, active, repos)"
                " VALUES (?, ?, ?, ?)",
                (change.installation_id, change.account, int(change.active), json.dumps(repos)),
            )

    def installations(self) -> dict[int, tuple[str, bool, tuple[str, ...]]]:
        with self._lock:
            rows = self._db.execute("SELECT id, account, active, repos FROM installations")
            return {int(r[0]): (str(r[1]), bool(r[2]), tuple(json.loads(r[3]))) for r in rows}

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _delivery(row: Sequence[object]) -> Delivery:
    return Delivery(
        id=str(row[0]),
        event=str(row[1]),
        repo=str(row[2]),
        status=str(row[3]),
        attempts=int(str(row[4])),
        error=str(row[5]),
        received=float(str(row[6])),
        updated=float(str(row[7])),
        has_body=bool(row[8]),
    )
