"""Wire the pieces together for ``cohort serve`` and ``cohort on-event`` (no logic of its own)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cohort.app.clients import AppClients, ClientFactory, TokenClients
from cohort.app.events import BadPayload, parse_event
from cohort.app.gather import Gatherer
from cohort.app.process import Outcome, Processor
from cohort.app.server import BODY_TIMEOUT, Settings, make_app
from cohort.app.source import CohortSource, PathSource, RepoSource
from cohort.app.store import SQLiteStore, Store
from cohort.app.worker import Workers
from cohort.clock import SystemClock
from cohort.errors import UsageError
from cohort.github.client import DEFAULT_API
from cohort.reconcile.bot_files import SLICE_PATH

ACTIONS_BOT = "github-actions[bot]"


def open_store(spec: str) -> Store:
    """``postgresql://…`` (shared by several instances), ``sqlite:///path`` or a plain path."""
    if spec.startswith(("postgres://", "postgresql://")):
        from cohort.app.store_pg import PostgresStore

        return PostgresStore(spec)
    path = spec.removeprefix("sqlite:///") if spec.startswith("sqlite:///") else spec
    try:
        return SQLiteStore(Path(path) if path != ":memory:" else path)
    except sqlite3.Error as exc:
        raise UsageError(f"cannot open the SQLite store {path}: {exc}") from None


def cohort_source(
    cohort_file: Path | None, organizer_repo: str, *, strict: bool = False
) -> CohortSource:
    """A local file when given, else ``cohort.yml`` in the organizer repository.

    ``strict``: a cohort that cannot be read is an error, not a reason to do nothing.
    """
    if cohort_file:
        return PathSource(cohort_file, strict=strict)
    return RepoSource(organizer_repo, strict=strict)


@dataclass(frozen=True)
class ServeOptions:
    """Everything ``cohort serve`` is told."""

    secret: str
    app_id: int
    private_key: str
    app_slug: str
    store: str
    api_url: str = DEFAULT_API
    cohort_file: Path | None = None
    organizer_repo: str = "cohort-admin"
    workers: int = 2
    lease: float = 300.0
    give_up_after: float = 6 * 3600.0
    retention: float = 7 * 86400.0
    body_timeout: float = BODY_TIMEOUT

    def __repr__(self) -> str:  # never show the secret or the key
        return f"ServeOptions(app_id={self.app_id}, store={self.store!r})"


def build_server(options: ServeOptions) -> tuple[Any, Store]:
    """The ASGI app and its store (close the store after the server stops)."""
    if not options.secret:
        raise UsageError("a webhook secret is required (COHORT_WEBHOOK_SECRET)")
    store = open_store(options.store)
    clock = SystemClock()
    clients = AppClients(options.app_id, options.private_key, options.api_url, clock=clock)
    gatherer = Gatherer(
        cohort_source(options.cohort_file, options.organizer_repo),
        clock,
        app_login=f"{options.app_slug}[bot]",
    )
    processor = Processor(clients, gatherer, store.track)
    workers = Workers(
        store,
        processor.handle,
        count=options.workers,
        lease=options.lease,
        give_up_after=options.give_up_after,
        retention=options.retention,
    )
    settings = Settings(options.secret, store, workers, body_timeout=options.body_timeout)
    return make_app(settings), store


def own_repo(body: bytes) -> str:
    """``owner/name`` of the repository an event happened in (``.`` means this one)."""
    try:
        repo = parse_event("", "", body).repo
    except BadPayload as exc:
        raise UsageError(f"GITHUB_EVENT_PATH does not hold an event: {exc}") from None
    if not repo:
        raise UsageError("the event names no repository: pass --organizer-repo or --cohort")
    return repo


def on_event(
    cohort_file: Path | None,
    organizer_repo: str,
    env: dict[str, str] | None = None,
    clients: ClientFactory | None = None,
) -> Outcome:
    """Handle the workflow's own event (GITHUB_EVENT_NAME / GITHUB_EVENT_PATH / GITHUB_TOKEN)."""
    env = dict(os.environ) if env is None else env
    name, path = env.get("GITHUB_EVENT_NAME", ""), env.get("GITHUB_EVENT_PATH", "")
    if not name or not path:
        raise UsageError(
            "on-event runs in a workflow: GITHUB_EVENT_NAME and GITHUB_EVENT_PATH must be set"
        )
    if clients is None:
        token = env.get("GITHUB_TOKEN", "")
        if not token:
            raise UsageError("GITHUB_TOKEN is not set (pass it through env: in the workflow)")
        clients = TokenClients(token, env.get("GITHUB_API_URL", DEFAULT_API))
    name = name.removesuffix("_target")  # pull_request_target carries a pull_request payload
    body = Path(path).read_bytes()
    source = (
        RepoSource(own_repo(body), SLICE_PATH, strict=True)
        if organizer_repo in (".", "") and cohort_file is None
        else cohort_source(cohort_file, organizer_repo, strict=True)
    )
    gatherer = Gatherer(source, SystemClock(), app_login=ACTIONS_BOT)
    return Processor(clients, gatherer).handle(name, env.get("GITHUB_RUN_ID", "run"), body)
