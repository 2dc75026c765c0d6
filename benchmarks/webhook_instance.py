"""One ``cohort serve`` instance for the webhook benchmark, in its own process.

    python -m benchmarks.webhook_instance --port P --store DSN --api-url URL --key-file F --wall T

The same pieces ``cohort serve`` assembles (store, workers, intake, Starlette app), with the
served sandbox as GitHub; the cohort's wall clock is frozen at ``--wall`` so the App's JWTs and
the cohort calendar match the sandbox's simulated time.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cohort.app.assemble import open_store
from cohort.app.clients import AppClients
from cohort.app.gather import Gatherer
from cohort.app.logs import configure
from cohort.app.process import Processor
from cohort.app.running import Intake, serve_forever
from cohort.app.server import Settings, make_app
from cohort.app.source import RepoSource
from cohort.app.worker import Workers
from cohort.clock import SystemClock
from tests.app.e2e import APP_ID, NO_PACING, SECRET, SLUG


class FrozenWall(SystemClock):
    """Real monotonic time and sleeps; the wall clock stays at the sandbox's simulated time."""

    def __init__(self, wall: float) -> None:
        self._wall = wall

    def wall(self) -> float:
        return self._wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--key-file", type=Path, required=True)
    parser.add_argument("--wall", type=float, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--lease", type=float, default=5.0)
    args = parser.parse_args()
    configure("json")
    clock = FrozenWall(args.wall)
    store = open_store(args.store)
    clients = AppClients(
        APP_ID, args.key_file.read_text(), args.api_url, clock=clock, pacing=NO_PACING
    )
    gatherer = Gatherer(RepoSource(clock=clock), clock, app_login=f"{SLUG}[bot]")
    processor = Processor(clients, gatherer, store.track)
    workers = Workers(
        store, processor.handle, count=args.workers, lease=args.lease, poll=0.1, backoff=0.2
    )
    try:
        serve_forever(make_app(Settings(SECRET, store, workers)), args.port, intake=Intake())
    finally:
        store.close()


if __name__ == "__main__":
    main()
