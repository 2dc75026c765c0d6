"""The webhook endpoint end to end: signed deliveries in, labels and review requests out."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from cohort.app.running import background
from cohort.app.server import make_app
from cohort.app.store import SQLiteStore
from tests.app.e2e import (
    ORG,
    World,
    headers,
    make_world,
    processor,
    settings,
    wait_done,
)

AURORA, DELTA = f"{ORG}/2027-spring-aurora", f"{ORG}/2027-spring-delta"


@contextlib.contextmanager
def served(app: object) -> Iterator[httpx.Client]:
    with background(app) as url, httpx.Client(base_url=url, timeout=10) as http:
        yield http


@pytest.fixture(scope="module")
def world() -> World:
    return make_world()


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    s = SQLiteStore()
    yield s
    s.close()


def test_opened_pull_request_is_labelled_and_a_mentor_asked(
    world: World, store: SQLiteStore
) -> None:
    pr = world.open_pull(
        AURORA,
        "events-page",
        {"src/page.js": b"".join(b"line %d\n" % i for i in range(40)), "docs/notes.md": b"n\n"},
    )
    body = world.payload("opened", AURORA, pr)
    with served(make_app(settings(processor(world, store).handle, store))) as http:
        answer = http.post("/webhook", content=body, headers=headers(body, "del-1"))
        assert answer.status_code == 202
        assert wait_done(store, "del-1") == "done"
    assert world.labels(AURORA, pr["number"]) >= {
        "needs-mentor-review",
        "size/M",
        "area: frontend",
        "area: docs",
    }
    assert "phase: design" in world.labels(AURORA, pr["number"])
    assert world.requested(AURORA, pr["number"]) == ["alicia-dev"]


def test_redelivery_has_no_second_effect(world: World, store: SQLiteStore) -> None:
    pr = world.open_pull(DELTA, "api-spec", {"docs/api.md": b"# api\n"})
    body = world.payload("opened", DELTA, pr)
    with served(make_app(settings(processor(world, store).handle, store))) as http:
        assert http.post("/", content=body, headers=headers(body, "del-2")).status_code == 202
        assert wait_done(store, "del-2") == "done"
        writes = world.org.writes()
        again = http.post("/", content=body, headers=headers(body, "del-2"))
        assert again.status_code == 200
        time.sleep(0.2)
    assert world.org.writes() == writes
    assert len(world.requested(DELTA, pr["number"])) == 1


def test_a_pr_event_costs_at_most_two_writes(world: World, store: SQLiteStore) -> None:
    pr = world.open_pull(AURORA, "styles", {"src/a.css": b"a{}\n"})
    body = world.payload("opened", AURORA, pr)
    before = world.org.writes()
    outcome = processor(world, store).handle("pull_request", "del-3", body)
    assert outcome.writes == world.org.writes() - before <= 2


def test_acknowledgement_does_not_wait_for_the_work(store: SQLiteStore) -> None:
    release, started = threading.Event(), threading.Event()

    def blocking(event: str, delivery: str, body: bytes) -> None:
        started.set()
        release.wait(10)

    body = b'{"action": "opened"}'
    with served(make_app(settings(blocking, store, count=1))) as http:
        t0 = time.monotonic()
        first = http.post("/webhook", content=body, headers=headers(body, "slow-1"))
        second = http.post("/webhook", content=body, headers=headers(body, "slow-2"))
        elapsed = time.monotonic() - t0
        assert started.wait(5)
        assert (first.status_code, second.status_code) == (202, 202)
        assert elapsed < 2.0
        assert store.status("slow-1") == "running"
        assert store.status("slow-2") == "queued"
        release.set()
        assert wait_done(store, "slow-2") == "done"


def test_transient_failures_are_retried(store: SQLiteStore) -> None:
    from cohort.errors import GitHubError

    calls: list[str] = []

    def flaky(event: str, delivery: str, body: bytes) -> None:
        calls.append(delivery)
        if len(calls) < 3:
            raise GitHubError("bad gateway", status=502, method="POST", path="/x")

    body = b"{}"
    with served(make_app(settings(flaky, store, count=1))) as http:
        http.post("/webhook", content=body, headers=headers(body, "flaky"))
        assert wait_done(store, "flaky") == "done"
    assert calls == ["flaky"] * 3


def test_a_full_queue_is_refused_not_grown(store: SQLiteStore) -> None:
    conf = settings(lambda *a: threading.Event().wait(10), store, count=0)
    conf.max_pending = 2
    body = b"{}"
    with served(make_app(conf)) as http:
        codes = [
            http.post("/webhook", content=body, headers=headers(body, f"q{i}")).status_code
            for i in range(3)
        ]
    assert codes == [202, 202, 503]
