"""Run the ASGI app with uvicorn on 127.0.0.1, in the foreground or a background thread.

Connections are bounded by ``Intake``: a request (headers and body) must arrive within
``read_timeout`` seconds or its connection is closed; at most ``max_connections`` are open, and
when one more arrives the slowest connection still sending its request is evicted to make room
(a connection whose request is being handled is never evicted). A response sent before the
request body was read to its end (413, 408, 401 on a partial body) closes the connection, so
nothing more is read from it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

LOOPBACK = "127.0.0.1"
MAX_CONNECTIONS = 256
READ_TIMEOUT = 10.0
# Still receiving the request: nothing yet (IDLE) or part of the body (SEND_BODY).
RECEIVING = (h11.IDLE, h11.SEND_BODY)

log = logging.getLogger("cohort.app.server")


@dataclass
class Intake:
    """Limits shared by one server's connections, and what they did (for tests and benchmarks)."""

    max_connections: int = MAX_CONNECTIONS
    read_timeout: float = READ_TIMEOUT
    bytes_read: int = 0
    evicted: int = 0
    timed_out: int = 0


class BoundedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a request read deadline and a connection cap."""

    intake: Intake = Intake()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.began = self.loop.time()
        self.request_bytes = 0
        self.deadline: asyncio.TimerHandle | None = None
        self._arm()
        if len(self.connections) > self.intake.max_connections:
            self._make_room()

    def data_received(self, data: bytes) -> None:
        self.intake.bytes_read += len(data)
        self.request_bytes += len(data)
        super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        if self.conn.their_state is h11.SEND_BODY:
            # answered before the body ended (413, 408, 401): read nothing more from it
            self.transport.close()
            return
        super().on_response_complete()
        self.began = self.loop.time()
        self.request_bytes = 0
        self._arm()

    def receiving(self) -> bool:
        """Whether the client is still sending its request (or idle between requests)."""
        return not self.transport.is_closing() and self.conn.their_state in RECEIVING

    def rate(self, now: float) -> float:
        """Bytes per second of the request being received."""
        return self.request_bytes / max(now - self.began, 1e-3)

    def _arm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
        # one second after the app's own body timeout, so the app can answer 408 first
        self.deadline = self.loop.call_later(self.intake.read_timeout + 1.0, self._expire)

    def _expire(self) -> None:
        if self.receiving():
            self.intake.timed_out += 1
            self.transport.close()

    def _make_room(self) -> None:
        now = self.loop.time()
        slow = [
            c
            for c in self.connections
            if isinstance(c, BoundedH11Protocol) and c is not self and c.receiving()
        ]
        if not slow:  # every other connection is being answered: refuse this one
            self.intake.evicted += 1
            self.transport.close()
            return
        victim = min(slow, key=lambda c: (c.rate(now), c.began))
        self.intake.evicted += 1
        victim.transport.close()


def protocol_for(intake: Intake) -> type[BoundedH11Protocol]:
    """A protocol class bound to ``intake`` (uvicorn instantiates one per connection)."""
    return type("BoundedH11Protocol", (BoundedH11Protocol,), {"intake": intake})


def config(
    app: Any, port: int, host: str = LOOPBACK, intake: Intake | None = None
) -> uvicorn.Config:
    """A bounded uvicorn configuration (no websockets, capped connections and keep-alive)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol_for(intake or Intake()),
        ws="none",
        lifespan="on",
        log_level="warning",
        log_config=None,  # cohort.app.logs decides the format
        access_log=False,
        limit_concurrency=None,  # Intake caps connections, evicting the slowest first
        backlog=2048,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
    )


def serve_forever(app: Any, port: int, host: str = LOOPBACK, intake: Intake | None = None) -> None:
    """Serve until interrupted."""
    uvicorn.Server(config(app, port, host, intake)).run()


@contextlib.contextmanager
def background(
    app: Any, port: int = 0, startup_timeout: float = 10.0, intake: Intake | None = None
) -> Iterator[str]:
    """Serve ``app`` on loopback in a thread; yields its base URL, stops it on exit."""
    server = uvicorn.Server(config(app, port, intake=intake))
    thread = threading.Thread(target=server.run, name="cohort-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the webhook server did not start")
        time.sleep(0.01)
    sock = server.servers[0].sockets[0]
    try:
        yield f"http://{LOOPBACK}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(startup_timeout + 10)
