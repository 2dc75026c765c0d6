"""Durable deliveries and installation records: the Store protocol and its SQLite version."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cohort.app.reactions import TrackInstallation

SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY, event TEXT NOT NULL, body BLOB NOT NULL, received REAL NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at REAL NOT NULL,
  error TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_at);
CREATE TABLE IF NOT EXISTS installations (
  id INTEGER PRIMARY KEY, account TEXT NOT NULL, active INTEGER NOT NULL, repos TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Job:
    """A delivery to work on."""

    delivery: str
    event: str
    body: bytes
    attempts: int


class Store(Protocol):
    """What the server and its workers need from storage (SQLite here; PostgreSQL fits too)."""

    def enqueue(self, delivery: str, event: str, body: bytes, now: float) -> bool: ...
    def pending(self) -> int: ...
    def claim(self, now: float) -> Job | None: ...
    def finish(self, delivery: str) -> None: ...
    def retry(self, delivery: str, at: float, error: str) -> None: ...
    def fail(self, delivery: str, error: str) -> None: ...
    def status(self, delivery: str) -> str | None: ...
    def track(self, change: TrackInstallation) -> None: ...
    def installations(self) -> dict[int, tuple[str, bool, tuple[str, ...]]]: ...
    def close(self) -> None: ...


class SQLiteStore:
    """One SQLite file (WAL), shared by the server's threads behind a lock."""

    def __init__(self, path: Path | str = ":memory:") -> None:
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            if str(path) != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            # work that was running when the process stopped is due again
            self._db.execute("UPDATE deliveries SET status='queued' WHERE status='running'")

    def enqueue(self, delivery: str, event: str, body: bytes, now: float) -> bool:
        """Store a new delivery; False when this delivery id was seen before."""
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO deliveries (id, event, body, received, status, next_at)"
                " VALUES (?, ?, ?, ?, 'queued', ?)",
                (delivery, event, body, now, now),
            )
            return cur.rowcount == 1

    def pending(self) -> int:
        with self._lock:
            row = self._db.execute(
                "SELECT count(*) FROM deliveries WHERE status IN ('queued','running')"
            ).fetchone()
        return int(row[0])

    def claim(self, now: float) -> Job | None:
        """Take the oldest due delivery (marked running, so no other worker takes it)."""
        with self._lock:
            row = self._db.execute(
                "SELECT id, event, body, attempts FROM deliveries WHERE status='queued'"
                " AND next_at <= ? ORDER BY next_at, received LIMIT 1",
                (now,),
            ).fetchone()
            if row is None:
                return None
            self._db.execute(
                "UPDATE deliveries SET status='running', attempts=attempts+1 WHERE id=?", (row[0],)
            )
        return Job(str(row[0]), str(row[1]), bytes(row[2]), int(row[3]) + 1)

    def _set(self, delivery: str, status: str, error: str = "", at: float | None = None) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE deliveries SET status=?, error=?, next_at=coalesce(?, next_at),"
                " body=CASE WHEN ? = 'done' THEN x'' ELSE body END WHERE id=?",
                (status, error[:500], at, status, delivery),
            )

    def finish(self, delivery: str) -> None:
        self._set(delivery, "done")

    def retry(self, delivery: str, at: float, error: str) -> None:
        self._set(delivery, "queued", error, at)

    def fail(self, delivery: str, error: str) -> None:
        self._set(delivery, "failed", error)

    def status(self, delivery: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT status FROM deliveries WHERE id=?", (delivery,)
            ).fetchone()
        return None if row is None else str(row[0])

    def track(self, change: TrackInstallation) -> None:
        """Apply an installation record: active flag and repository list."""
        with self._lock:
            row = self._db.execute(
                "SELECT repos FROM installations WHERE id=?", (change.installation_id,)
            ).fetchone()
            repos = set() if row is None or change.replace else set(json.loads(row[0]))
            repos = (repos | set(change.added)) - set(change.removed)
            self._db.execute(
                "INSERT OR REPLACE INTO installations (id, account, active, repos)"
                " VALUES (?, ?, ?, ?)",
                (
                    change.installation_id,
                    change.account,
                    int(change.active),
                    json.dumps(sorted(repos)),
                ),
            )

    def installations(self) -> dict[int, tuple[str, bool, tuple[str, ...]]]:
        with self._lock:
            rows = self._db.execute("SELECT id, account, active, repos FROM installations")
            return {int(r[0]): (str(r[1]), bool(r[2]), tuple(json.loads(r[3]))) for r in rows}

    def close(self) -> None:
        with self._lock:
            self._db.close()
