"""httpx transports that hand requests to a Sandbox in-process (no sockets)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from cohort.sandbox.faults import InjectedDisconnect

if TYPE_CHECKING:
    from cohort.sandbox.core import Sandbox


def _answer(sb: Sandbox, request: httpx.Request, body: bytes) -> httpx.Response:
    try:
        status, headers, payload = sb.handle(
            request.method, str(request.url), dict(request.headers), body
        )
    except InjectedDisconnect as drop:
        if drop.kind == "connection-reset":
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from drop
        raise httpx.ReadTimeout("The read operation timed out", request=request) from drop
    return httpx.Response(status, headers=headers, content=payload, request=request)


class SandboxTransport(httpx.BaseTransport):
    """Synchronous transport: ``httpx.Client(transport=SandboxTransport(sb))``."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return _answer(self.sandbox, request, request.read())


class AsyncSandboxTransport(httpx.AsyncBaseTransport):
    """Asynchronous transport for ``httpx.AsyncClient``."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return _answer(self.sandbox, request, await request.aread())
