"""Run the ASGI app with uvicorn on 127.0.0.1, in the foreground or a background thread."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn

LOOPBACK = "127.0.0.1"


def config(app: Any, port: int, host: str = LOOPBACK) -> uvicorn.Config:
    """A bounded uvicorn configuration (no websockets, capped concurrency and keep-alive)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        ws="none",
        lifespan="on",
        log_level="warning",
        access_log=False,
        limit_concurrency=1000,
        backlog=2048,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
    )


def serve_forever(app: Any, port: int, host: str = LOOPBACK) -> None:
    """Serve until interrupted."""
    uvicorn.Server(config(app, port, host)).run()


@contextlib.contextmanager
def background(app: Any, port: int = 0, startup_timeout: float = 10.0) -> Iterator[str]:
    """Serve ``app`` on loopback in a thread; yields its base URL, stops it on exit."""
    server = uvicorn.Server(config(app, port))
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
