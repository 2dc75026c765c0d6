"""The webhook endpoint (Starlette): verify, dedupe, enqueue, answer 202 — work happens later.

The body is read as a stream: reading stops at ``max_body`` bytes (declared or not, so chunked
bodies are bounded too) and at ``body_timeout`` seconds, and the signature is checked over the
whole body before anything is stored. Expected bad input is answered and logged in one line.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cohort.app.logs import DELIVERY
from cohort.app.store import Store
from cohort.app.verify import is_valid
from cohort.app.worker import Workers

log = logging.getLogger("cohort.app.server")

MAX_BODY = 25 * 1024 * 1024  # GitHub sends nothing larger
MAX_PENDING = 10_000  # beyond this, refuse with 503 rather than grow without bound
BODY_TIMEOUT = 10.0  # seconds to receive a whole body (GitHub waits 10 s for the answer)
DELIVERY_ID = re.compile(r"[A-Za-z0-9._-]{1,100}")  # GitHub sends a GUID
REPO_SCAN = 1024 * 1024  # the repository name is read from bodies up to this size


@dataclass
class Settings:
    """What the endpoint needs."""

    secret: str
    store: Store
    workers: Workers
    max_pending: int = MAX_PENDING
    max_body: int = MAX_BODY
    body_timeout: float = BODY_TIMEOUT


class Refused(Exception):
    """The request is answered with ``status`` before it is stored."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _answer(status: int, message: str) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status)


async def read_body(request: Request, limit: int, timeout: float) -> bytes:
    """The whole body, or Refused(413) as soon as it passes ``limit`` / (408) after ``timeout``."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise Refused(413, f"body larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise Refused(413, f"body larger than {limit} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise Refused(408, f"body not received within {timeout:g} s") from None
    except ClientDisconnect:
        raise Refused(400, "client disconnected before the body was complete") from None
    return b"".join(chunks)


def repository_of(body: bytes) -> str:
    """``repository.full_name`` of a payload, for listings; "" when it cannot be read cheaply."""
    if len(body) > REPO_SCAN:
        return ""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return ""
    repo = payload.get("repository") if isinstance(payload, dict) else None
    name = repo.get("full_name") if isinstance(repo, dict) else None
    return name if isinstance(name, str) else ""


def make_app(settings: Settings) -> Starlette:
    """The ASGI app; its lifespan starts and stops the workers."""
    store = settings.store

    async def accept(request: Request) -> JSONResponse:
        body = await read_body(request, settings.max_body, settings.body_timeout)
        if not is_valid(settings.secret, body, request.headers.get("x-hub-signature-256")):
            raise Refused(401, "bad or missing X-Hub-Signature-256")
        event = request.headers.get("x-github-event", "")
        delivery = request.headers.get("x-github-delivery", "")
        if not event or not DELIVERY_ID.fullmatch(delivery):
            raise Refused(400, "missing X-GitHub-Event or a malformed X-GitHub-Delivery")
        DELIVERY.set(delivery)
        if await run_in_threadpool(store.pending) >= settings.max_pending:
            raise Refused(503, "queue full; redeliver later")
        repo = repository_of(body)
        if not await run_in_threadpool(store.enqueue, delivery, event, body, time.time(), repo):
            return _answer(200, "duplicate delivery; already handled or queued")
        settings.workers.wake()
        return _answer(202, "queued")

    async def webhook(request: Request) -> JSONResponse:
        try:
            return await accept(request)
        except Refused as refused:
            peer = request.client.host if request.client else "?"
            log.warning("webhook refused %d from %s: %s", refused.status, peer, refused.message)
            return _answer(refused.status, refused.message)

    async def health(request: Request) -> JSONResponse:
        del request
        try:
            pending = await run_in_threadpool(_checked_pending, store)
        except Exception as exc:
            log.warning("health check: store unavailable: %s: %s", type(exc).__name__, exc)
            return JSONResponse({"ok": False, "store": "unavailable"}, status_code=503)
        return JSONResponse({"ok": True, "store": "ok", "pending": pending})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        del app
        settings.workers.start()
        try:
            yield
        finally:
            settings.workers.stop()

    routes = [
        Route("/webhook", webhook, methods=["POST"]),
        Route("/", webhook, methods=["POST"]),
        Route("/healthz", health, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


def _checked_pending(store: Store) -> int:
    store.check()
    return store.pending()
