"""Webhook intake under abuse: unbounded chunked bodies, slow connections, bad input."""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from cohort.app.running import Intake, background
from cohort.app.server import MAX_BODY, make_app
from cohort.app.store import SQLiteStore
from cohort.app.verify import sign
from tests.app.e2e import SECRET, headers, settings, wait_done

CHUNK = 64 * 1024
SLACK = 512 * 1024  # what one socket read and uvicorn's read-ahead may hold beyond the limit


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    s = SQLiteStore()
    yield s
    s.close()


def _address(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").split(":")
    return host, int(port)


def _send_chunked(url: str, total: int, extra_headers: str = "") -> tuple[int, int]:
    """Send up to ``total`` bytes as a chunked body; (bytes the server let us send, status)."""
    sock = socket.create_connection(_address(url), timeout=30)
    sock.sendall(
        (
            "POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
            f"X-GitHub-Event: pull_request\r\nX-GitHub-Delivery: big\r\n{extra_headers}\r\n"
        ).encode()
    )
    sent = 0
    piece = f"{CHUNK:x}\r\n".encode() + b"a" * CHUNK + b"\r\n"
    try:
        while sent < total:
            sock.sendall(piece)
            sent += CHUNK
        sock.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server stopped reading and closed: what we want
    try:
        answer = sock.recv(4096)
    except ConnectionResetError:
        answer = b""
    sock.close()
    status = int(answer.split(b" ")[1]) if answer.startswith(b"HTTP/1.1 ") else 0
    return sent, status


def test_a_chunked_60_mb_body_is_refused_after_reading_at_most_the_limit(
    store: SQLiteStore,
) -> None:
    intake = Intake()
    with background(make_app(settings(lambda *a: None, store, count=0)), intake=intake) as url:
        sent, status = _send_chunked(url, 60 * 1024 * 1024)
    assert status == 413
    # counted where the server reads the socket, not in memory
    assert MAX_BODY < intake.bytes_read <= MAX_BODY + SLACK
    assert sent < 60 * 1024 * 1024
    assert store.pending() == 0


def test_a_signed_oversized_chunked_body_is_not_stored(store: SQLiteStore) -> None:
    conf = settings(lambda *a: None, store, count=0)
    conf.max_body = 1024 * 1024
    body = b"a" * (2 * 1024 * 1024)
    with background(make_app(conf)) as url:
        _sent, status = _send_chunked(
            url, len(body), f"X-Hub-Signature-256: {sign(SECRET, body)}\r\n"
        )
    assert status == 413
    assert store.status("big") is None


def _slow(url: str, n: int) -> socket.socket:
    sock = socket.create_connection(_address(url), timeout=10)
    if n % 2:  # half stall inside the headers, half inside a declared body
        sock.sendall(b"POST /webhook HTTP/1.1\r\nHost: x\r\nX-GitHub-")
    else:
        sock.sendall(
            b"POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
            b"X-GitHub-Event: ping\r\nX-GitHub-Delivery: s\r\n\r\n{"
        )
    return sock


def _closed_by_server(sock: socket.socket, deadline: float) -> bool:
    """True when the server closes (possibly after a 408) before ``deadline``."""
    sock.settimeout(max(deadline - time.monotonic(), 0.01))
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return True


def test_slow_connections_are_closed_while_a_delivery_is_acknowledged(
    store: SQLiteStore,
) -> None:
    conf = settings(lambda *a: None, store)
    conf.body_timeout = 1.0
    intake = Intake(read_timeout=1.0)
    body = b'{"zen": "ok"}'
    with background(make_app(conf), intake=intake) as url:
        slow = [_slow(url, n) for n in range(200)]
        with httpx.Client(base_url=url, timeout=5) as http:
            answer = http.post("/webhook", content=body, headers=headers(body, "legit", "ping"))
        assert answer.status_code == 202
        assert wait_done(store, "legit") == "done"
        deadline = time.monotonic() + 6.0
        closed = sum(_closed_by_server(s, deadline) for s in slow)
        for s in slow:
            s.close()
    assert closed == 200


def test_past_the_cap_the_slowest_connections_make_room(store: SQLiteStore) -> None:
    intake = Intake(max_connections=20)
    body = b"{}"
    with background(make_app(settings(lambda *a: None, store)), intake=intake) as url:
        slow = [_slow(url, n) for n in range(50)]
        time.sleep(0.3)
        with httpx.Client(base_url=url, timeout=5) as http:
            answer = http.post("/webhook", content=body, headers=headers(body, "room", "ping"))
        for s in slow:
            s.close()
    assert answer.status_code == 202
    assert intake.evicted >= 30


def test_a_body_that_stops_coming_is_answered_408(store: SQLiteStore) -> None:
    conf = settings(lambda *a: None, store, count=0)
    conf.body_timeout = 0.5
    with background(make_app(conf), intake=Intake(read_timeout=5)) as url:
        sock = _slow(url, 0)
        sock.settimeout(5)
        answer = sock.recv(4096)
        sock.close()
    assert answer.startswith(b"HTTP/1.1 408")


def _worker_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("cohort.app")]


@pytest.mark.parametrize(
    ("event", "body"),
    [
        ("pull_request", b"[" * 100_000 + b"]" * 100_000),
        ("pull_request", json.dumps({"action": "opened", "pull_request": {}}).encode()),
        ("issue_comment", b"not json"),
    ],
    ids=["deeply-nested", "no-installation", "not-json"],
)
def test_bad_input_is_one_log_line_and_a_failed_delivery(
    store: SQLiteStore, caplog: pytest.LogCaptureFixture, event: str, body: bytes
) -> None:
    from tests.app.e2e import make_world, processor

    handle = processor(make_world(), store).handle if event != "issue_comment" else None
    from cohort.app.events import parse_event

    def handler(name: str, delivery: str, raw: bytes) -> object:
        return handle(name, delivery, raw) if handle else parse_event(name, delivery, raw)

    caplog.set_level(logging.INFO)
    with (
        background(make_app(settings(handler, store))) as url,
        httpx.Client(base_url=url, timeout=10) as http,
    ):
        answer = http.post("/webhook", content=body, headers=headers(body, "bad", event))
        assert answer.status_code == 202
        assert wait_done(store, "bad") == "failed"
    records = _worker_records(caplog)
    assert len(records) == 1
    assert records[0].exc_info is None
    assert "delivery rejected" in records[0].getMessage()
    assert "\n" not in records[0].getMessage()


def test_a_client_that_disconnects_mid_body_is_one_log_line(
    store: SQLiteStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with background(make_app(settings(lambda *a: None, store, count=0))) as url:
        sock = _slow(url, 0)
        time.sleep(0.2)
        sock.close()
        time.sleep(0.3)
    records = [r for r in _worker_records(caplog) if r.levelno >= logging.WARNING]
    assert [r.exc_info for r in records] == [None]
    assert "disconnected" in records[0].getMessage()


def test_health_checks_the_store(store: SQLiteStore) -> None:
    with (
        background(make_app(settings(lambda *a: None, store, count=0))) as url,
        httpx.Client(base_url=url, timeout=5) as http,
    ):
        ok = http.get("/healthz")
        store.close()
        down = http.get("/healthz")
    assert (ok.status_code, ok.json()) == (200, {"ok": True, "store": "ok", "pending": 0})
    assert (down.status_code, down.json()) == (503, {"ok": False, "store": "unavailable"})


def test_a_malformed_delivery_id_is_refused(store: SQLiteStore) -> None:
    body = b"{}"
    with (
        background(make_app(settings(lambda *a: None, store, count=0))) as url,
        httpx.Client(base_url=url, timeout=5) as http,
    ):
        answer = http.post("/webhook", content=body, headers=headers(body, "a -->b"))
    assert answer.status_code == 400
    assert store.pending() == 0
