"""The Store on PostgreSQL (psycopg 3 + pool): several ``cohort serve`` instances share it.

``enqueue`` is ``INSERT … ON CONFLICT DO NOTHING`` (one winner per delivery id across
instances); ``claim`` picks one due row with ``FOR UPDATE SKIP LOCKED`` (no two instances take
the same row, none waits on another) and marks it running with an owner and a lease; a lease
that passes makes the row claimable again, and only the owner's ``finish``/``retry``/``fail``
counts. Migrations run at start under an advisory lock, so instances starting together apply
each one once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cohort.app.reactions import TrackInstallation
from cohort.app.store import (
    ERROR_CHARS,
    Delivery,
    Job,
    Requeued,
    merged_repos,
    split_requeue,
)
from cohort.errors import UsageError

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

MIGRATION_LOCK = 0x636F686F7274  # "cohort": pg_advisory_xact_lock key for migrations
PG_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS cohort_deliveries (
      id TEXT PRIMARY KEY, event TEXT NOT NULL, body BYTEA NOT NULL,
      received DOUBLE PRECISION NOT NULL, status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, next_at DOUBLE PRECISION NOT NULL,
      error TEXT NOT NULL DEFAULT '', repo TEXT NOT NULL DEFAULT '',
      owner TEXT NOT NULL DEFAULT '', lease_until DOUBLE PRECISION NOT NULL DEFAULT 0,
      updated DOUBLE PRECISION NOT NULL DEFAULT 0);
    CREATE INDEX IF NOT EXISTS cohort_deliveries_due ON cohort_deliveries (status, next_at);
    CREATE INDEX IF NOT EXISTS cohort_deliveries_lease ON cohort_deliveries (status, lease_until);
    CREATE INDEX IF NOT EXISTS cohort_deliveries_updated ON cohort_deliveries (status, updated);
    CREATE TABLE IF NOT EXISTS cohort_installations (
      id BIGINT PRIMARY KEY, account TEXT NOT NULL, active BOOLEAN NOT NULL,
      repos JSONB NOT NULL);
    """,
)
CLAIM = """
UPDATE cohort_deliveries SET status='running', attempts=attempts+1, owner=%(owner)s,
  lease_until=%(until)s, updated=%(now)s
WHERE id = (
  SELECT id FROM cohort_deliveries
  WHERE (status='queued' AND next_at <= %(now)s) OR (status='running' AND lease_until < %(now)s)
  ORDER BY next_at, received LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id, event, body, attempts, received
"""


def open_pool(dsn: str, size: int) -> ConnectionPool:
    """A small connection pool, checked first with one connection (a clear error if it fails)."""
    try:
        import psycopg
        from psycopg_pool import ConnectionPool
    except ImportError:
        raise UsageError(
            "a postgresql:// store needs psycopg: pip install 'cohort[postgresql]'"
        ) from None
    try:
        psycopg.connect(dsn, connect_timeout=10).close()
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"cannot connect to the PostgreSQL store: {reason}") from None
    pool = ConnectionPool(dsn, min_size=1, max_size=size, open=False, kwargs={"autocommit": True})
    pool.open(wait=True, timeout=30)
    return pool


class PostgresStore:
    """The shared store: every method is one short transaction on a pooled connection."""

    def __init__(self, dsn: str, pool_size: int = 8) -> None:
        self._pool = open_pool(dsn, pool_size)
        self.migrate()

    def migrate(self) -> None:
        """Bring the schema up to date (idempotent; safe with several instances starting)."""
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS cohort_schema (version INTEGER NOT NULL PRIMARY KEY)"
            )
            row = conn.execute("SELECT coalesce(max(version), 0) FROM cohort_schema").fetchone()
            version = int(row[0]) if row else 0
            for number, script in enumerate(PG_MIGRATIONS, start=1):
                if number > version:
                    conn.execute(script.encode())
                    conn.execute("INSERT INTO cohort_schema (version) VALUES (%s)", (number,))

    def _one(self, sql: str, args: Any = None) -> tuple[Any, ...] | None:
        with self._pool.connection() as conn:
            return conn.execute(sql.encode(), args).fetchone()

    def _count(self, sql: str, args: Any = None) -> int:
        with self._pool.connection() as conn:
            return conn.execute(sql.encode(), args).rowcount

    def enqueue(self, delivery: str, event: str, body: bytes, now: float, repo: str = "") -> bool:
        return (
            self._count(
                "INSERT INTO cohort_deliveries"
                " (id, event, body, received, status, next_at, repo, updated)"
                " VALUES (%s, %s, %s, %s, 'queued', %s, %s, %s) ON CONFLICT (id) DO NOTHING",
                (delivery, event, body, now, now, repo, now),
            )
            == 1
        )

    def pending(self) -> int:
        row = self._one(
            "SELECT count(*) FROM cohort_deliveries WHERE status IN ('queued','running')"
        )
        return int(row[0]) if row else 0

    def claim(self, now: float, owner: str = "", lease: float = 300.0) -> Job | None:
        row = self._one(CLAIM, {"owner": owner, "until": now + lease, "now": now})
        if row is None:
            return None
        return Job(str(row[0]), str(row[1]), bytes(row[2]), int(row[3]), float(row[4]))

    def _settle(self, delivery: str, owner: str, sql: str, args: tuple[object, ...]) -> bool:
        return (
            self._count(
                f"UPDATE cohort_deliveries SET {sql} WHERE id=%s AND status='running' AND owner=%s",
                (*args, delivery, owner),
            )
            == 1
        )

    def finish(self, delivery: str, owner: str = "", now: float = 0.0) -> bool:
        return self._settle(
            delivery,
            owner,
            "status='done', body=''::bytea, error='', owner='', updated=%s",
            (now,),
        )

    def retry(self, delivery: str, at: float, error: str, owner: str = "") -> bool:
        return self._settle(
            delivery,
            owner,
            "status='queued', next_at=%s, error=%s, owner=''",
            (at, error[:ERROR_CHARS]),
        )

    def fail(self, delivery: str, error: str, owner: str = "", now: float = 0.0) -> bool:
        return self._settle(
            delivery,
            owner,
            "status='failed', error=%s, owner='', updated=%s",
            (error[:ERROR_CHARS], now),
        )

    def status(self, delivery: str) -> str | None:
        row = self._one("SELECT status FROM cohort_deliveries WHERE id=%s", (delivery,))
        return None if row is None else str(row[0])

    def deliveries(self, status: str | None = None, limit: int = 100) -> list[Delivery]:
        where, args = ("WHERE status=%s", (status,)) if status else ("", ())
        with self._pool.connection() as conn:
            rows = conn.execute(
                (
                    "SELECT id, event, repo, status, attempts, error, received, updated,"
                    f" length(body) > 0 FROM cohort_deliveries {where}"
                    " ORDER BY received DESC LIMIT %s"
                ).encode(),
                (*args, limit),
            ).fetchall()
        return [
            Delivery(
                str(r[0]),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                int(r[4]),
                str(r[5]),
                float(r[6]),
                float(r[7]),
                bool(r[8]),
            )
            for r in rows
        ]

    def requeue(self, ids: Sequence[str], now: float) -> Requeued:
        unique = list(dict.fromkeys(ids))
        with self._pool.connection() as conn, conn.transaction():
            rows = conn.execute(
                "SELECT id, status, length(body) > 0 FROM cohort_deliveries"
                " WHERE id = ANY(%s) FOR UPDATE",
                (unique,),
            ).fetchall()
            go, outcome = split_requeue(unique, {str(r[0]): (str(r[1]), bool(r[2])) for r in rows})
            conn.execute(
                "UPDATE cohort_deliveries SET status='queued', attempts=0, error='', next_at=%s,"
                " received=%s, updated=%s WHERE id = ANY(%s)",
                (now, now, now, go),
            )
        return outcome

    def prune(self, before: float) -> int:
        gone = self._count(
            "DELETE FROM cohort_deliveries WHERE status='done' AND updated < %s", (before,)
        )
        return gone + self._count(
            "UPDATE cohort_deliveries SET body=''::bytea WHERE status='failed' AND updated < %s"
            " AND length(body) > 0",
            (before,),
        )

    def check(self) -> None:
        self._one("SELECT 1 FROM cohort_deliveries LIMIT 1")

    def track(self, change: TrackInstallation) -> None:
        with self._pool.connection() as conn, conn.transaction():
            row = conn.execute(
                "SELECT repos FROM cohort_installations WHERE id=%s FOR UPDATE",
                (change.installation_id,),
            ).fetchone()
            repos = merged_repos(None if row is None else list(row[0]), change)
            conn.execute(
                "INSERT INTO cohort_installations (id, account, active, repos)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET"
                " account=EXCLUDED.account, active=EXCLUDED.active, repos=EXCLUDED.repos",
                (change.installation_id, change.account, change.active, json.dumps(repos)),
            )

    def installations(self) -> dict[int, tuple[str, bool, tuple[str, ...]]]:
        with self._pool.connection() as conn:
            rows = conn.execute(
                "SELECT id, account, active, repos FROM cohort_installations"
            ).fetchall()
        return {int(r[0]): (str(r[1]), bool(r[2]), tuple(r[3])) for r in rows}

    def close(self) -> None:
        self._pool.close()
