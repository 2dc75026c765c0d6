"""Serve a Sandbox over HTTP: a raw ASGI app and the ``serve`` entry point."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from pathlib import Path
from typing import Any

from cohort.clock import SystemClock
from cohort.sandbox.core import Sandbox
from cohort.sandbox.faults import InjectedDisconnect

Scope = dict[str, Any]


class SandboxApp:
    """ASGI application answering every HTTP request with ``Sandbox.handle``."""

    def __init__(self, sandbox: Sandbox, state_file: Path | None = None) -> None:
        self.sandbox = sandbox
        self.state_file = state_file
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            if self.state_file is not None:
                with self._lock:
                    self.sandbox.save(self.state_file)
            await send({"type": "lifespan.shutdown.complete"})
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "127.0.0.1")
        query = scope.get("query_string", b"").decode()
        url = f"http://{host}{scope['path']}" + (f"?{query}" if query else "")
        try:
            with self._lock:
                status, out, payload = self.sandbox.handle(scope["method"], url, headers, body)
        except InjectedDisconnect as drop:
            if drop.kind == "timeout":
                await asyncio.sleep(30)
            raise
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.encode(), v.encode()) for k, v in out.items()],
            }
        )
        await send({"type": "http.response.body", "body": payload})


def _seeded(state_file: Path | None, org: str | None) -> Sandbox:
    if state_file is not None and state_file.exists():
        return Sandbox.load(state_file, clock=SystemClock())
    sb = Sandbox(SystemClock())
    sb.add_org(org or "sandbox-org", owners=["sandbox-admin"])
    return sb


def serve(
    host: str = "127.0.0.1", port: int = 0, state_file: Path | None = None, org: str | None = None
) -> None:
    """Run a sandbox on ``host:port`` (0 picks a free port); print its URL and a token."""
    import uvicorn

    sb = _seeded(state_file, org)
    owner = next(iter(sb.state.orgs.values())).owners[0]
    token = sb.issue_token(owner)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    url = f"http://{host}:{sock.getsockname()[1]}"
    print(
        json.dumps(
            {
                "url": url,
                "graphql_url": f"{url}/graphql",
                "token": token,
                "login": owner,
                "orgs": sorted(sb.state.orgs),
            }
        ),
        flush=True,
    )
    app = SandboxApp(sb, state_file)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on")).run(sockets=[sock])
