"""Serve a Sandbox over HTTP: a raw ASGI app, webhook delivery and the ``serve`` entry point."""

from __future__ import annotations

import asyncio
import json
import queue
import socket
import threading
import time
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import httpx

from cohort.sandbox import admin, webhooks
from cohort.sandbox.core import Sandbox
from cohort.sandbox.faults import InjectedDisconnect

Scope = MutableMapping[str, Any]  # what ASGI servers pass (httpx's ASGITransport types it so)


class Deliverer:
    """Posts pending webhook deliveries in order from one background thread.

    Delivery happens outside the request that caused it, as on GitHub, so the receiver may
    call the sandbox back while it handles the event.
    """

    def __init__(self, sandbox: Sandbox, lock: threading.Lock) -> None:
        self.sandbox = sandbox
        self.lock = lock
        self.jobs: queue.Queue[int | None] = queue.Queue()
        self.queued: set[int] = set()
        self.thread = threading.Thread(target=self._run, name="sandbox-webhooks", daemon=True)
        self.thread.start()

    def enqueue_pending(self) -> None:
        """Queue every delivery not yet attempted (call with the sandbox lock held)."""
        for delivery in webhooks.pending(self.sandbox.state):
            if delivery.id not in self.queued:
                self.queued.add(delivery.id)
                self.jobs.put(delivery.id)

    def idle(self) -> bool:
        return self.jobs.unfinished_tasks == 0

    def stop(self) -> None:
        """Finish what is queued, then end the thread."""
        self.jobs.put(None)
        self.thread.join(timeout=15)

    def _run(self) -> None:
        with httpx.Client(timeout=10.0) as client:
            while (number := self.jobs.get()) is not None:
                try:
                    self._deliver(client, number)
                finally:
                    self.jobs.task_done()
            self.jobs.task_done()

    def _deliver(self, client: httpx.Client, number: int) -> None:
        with self.lock:
            found = next((d for d in self.sandbox.state.deliveries if d.id == number), None)
            if found is None:
                return
            url, headers, body = webhooks.request_for(self.sandbox.state, found)
        started = time.monotonic()
        try:
            status = client.post(url, headers=headers, content=body).status_code
        except httpx.HTTPError:
            status = 0
        with self.lock:
            webhooks.record_attempt(found, status, time.monotonic() - started)


class SandboxApp:
    """ASGI application answering GitHub's API with ``Sandbox.handle`` and ``/_sandbox/``."""

    def __init__(self, sandbox: Sandbox, state_file: Path | None = None) -> None:
        self.sandbox = sandbox
        self.state_file = state_file
        self._lock = threading.Lock()
        self.deliverer: Deliverer | None = None

    def deliver_webhooks(self) -> Deliverer:
        """Start posting webhook deliveries to the registered Apps' URLs."""
        self.deliverer = Deliverer(self.sandbox, self._lock)
        return self.deliverer

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["path"].startswith(admin.PREFIX):
            with self._lock:
                code, answer = admin.answer(self.sandbox, scope["method"], scope["path"], body)
            out = {"content-type": "application/json; charset=utf-8"}
            await self._send(send, code, out, json.dumps(answer).encode())
            return
        host = headers.get("host", "127.0.0.1")
        query = scope.get("query_string", b"").decode()
        url = f"http://{host}{scope['path']}" + (f"?{query}" if query else "")
        try:
            with self._lock:
                status, out, payload = self.sandbox.handle(scope["method"], url, headers, body)
                if self.deliverer is not None:
                    self.deliverer.enqueue_pending()
        except InjectedDisconnect as drop:
            if drop.kind == "timeout":
                await asyncio.sleep(30)
            raise
        await self._send(send, status, out, payload)

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        if self.deliverer is not None:
            self.deliverer.stop()
        if self.state_file is not None:
            with self._lock:
                self.sandbox.save(self.state_file)
        await send({"type": "lifespan.shutdown.complete"})

    @staticmethod
    async def _send(send: Any, status: int, headers: dict[str, str], payload: bytes) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": payload})


def bind(host: str, port: int) -> tuple[socket.socket, str]:
    """A listening socket on ``host:port`` (0 picks a free port) and its URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)  # connections queue from now on, before the server loop starts
    return sock, f"http://{host}:{sock.getsockname()[1]}"


def run(app: SandboxApp, sock: socket.socket) -> None:
    """Serve ``app`` on ``sock`` until interrupted (state saved on shutdown)."""
    import uvicorn

    uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on")).run(sockets=[sock])


def serve(
    host: str = "127.0.0.1", port: int = 0, state_file: Path | None = None, org: str | None = None
) -> None:
    """Run a sandbox on ``host:port``; print its URL and tokens as JSON (see ``rehearsal``)."""
    from cohort.sandbox.rehearsal import Rehearsal, prepare

    prepared = prepare(Rehearsal(state_file=state_file, org=org))
    sock, url = bind(host, port)
    print(json.dumps(prepared.announce(url)), flush=True)
    app = SandboxApp(prepared.sandbox, state_file)
    if prepared.app is not None:
        app.deliver_webhooks()
    run(app, sock)
