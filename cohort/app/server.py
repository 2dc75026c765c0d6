"""The webhook endpoint (Starlette): verify, dedupe, enqueue, answer 202 — work happens later."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cohort.app.store import Store
from cohort.app.verify import is_valid
from cohort.app.worker import Workers

MAX_BODY = 25 * 1024 * 1024  # GitHub sends nothing larger
MAX_PENDING = 10_000  # beyond this, refuse with 503 rather than grow without bound


@dataclass
class Settings:
    """What the endpoint needs."""

    secret: str
    store: Store
    workers: Workers
    max_pending: int = MAX_PENDING


def _answer(status: int, message: str) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status)


def make_app(settings: Settings) -> Starlette:
    """The ASGI app; its lifespan starts and stops the workers."""

    async def webhook(request: Request) -> JSONResponse:
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_BODY:
            return _answer(413, "body too large or length missing")
        body = await request.body()
        if not is_valid(settings.secret, body, request.headers.get("x-hub-signature-256")):
            return _answer(401, "bad or missing X-Hub-Signature-256")
        event = request.headers.get("x-github-event", "")
        delivery = request.headers.get("x-github-delivery", "")
        if not event or not delivery or len(delivery) > 100:
            return _answer(400, "missing X-GitHub-Event or X-GitHub-Delivery")
        if settings.store.pending() >= settings.max_pending:
            return _answer(503, "queue full; redeliver later")
        if not settings.store.enqueue(delivery, event, body, time.time()):
            return _answer(200, "duplicate delivery; already handled or queued")
        settings.workers.wake()
        return _answer(202, "queued")

    async def health(request: Request) -> JSONResponse:
        del request
        return JSONResponse({"ok": True, "pending": settings.store.pending()})

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
