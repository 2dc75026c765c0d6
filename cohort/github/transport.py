"""An httpx transport that paces writes and waits out rate limits as GitHub asks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import httpx

from cohort.clock import Clock
from cohort.errors import GitHubError, OutcomeUnknownError, RateLimitedError
from cohort.github.classify import RequestKind, classify, is_graphql
from cohort.github.pacing import Pacer

MIN_BACKOFF = 60.0


class ReadFailedError(GitHubError):
    """A read kept failing (timeouts, 5xx) after its retries."""


@dataclass
class Counters:
    """What this client sent, as GitHub counts it."""

    requests: int = 0
    reads: int = 0
    writes: int = 0
    mutations: int = 0
    content_created: int = 0
    rate_limit_waits: list[float] = field(default_factory=list)

    def add(self, kind: RequestKind) -> None:
        self.requests += 1
        if kind.write:
            self.writes += 1
            self.mutations += kind.mutations
            self.content_created += kind.content_created
        else:
            self.reads += 1


class PacedTransport(httpx.BaseTransport):
    """Wrap a transport: serial paced writes, rate-limit waits, safe retries of reads only."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        clock: Clock,
        pacer: Pacer,
        *,
        max_rate_limit_retries: int = 5,
        read_retries: int = 3,
    ) -> None:
        self.inner = inner
        self.clock = clock
        self.pacer = pacer
        self.max_rate_limit_retries = max_rate_limit_retries
        self.read_retries = read_retries
        self.counters = Counters()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        kind = classify(request.method, request.url.path, body)
        limited = 0
        failures = 0
        while True:
            response = self._send_once(request, kind, failures)
            if response is None:
                failures += 1
                continue
            wait = rate_limit_wait(response, self.clock.wall(), limited)
            if wait is None:
                return response
            limited += 1
            if limited > self.max_rate_limit_retries:
                raise RateLimitedError(
                    f"GitHub rate limit still exceeded after {self.max_rate_limit_retries} waits",
                    status=response.status_code,
                    method=request.method,
                    path=request.url.path,
                )
            self.counters.rate_limit_waits.append(wait)
            self.clock.sleep(wait)

    def _send_once(
        self, request: httpx.Request, kind: RequestKind, failures: int
    ) -> httpx.Response | None:
        """Send once; None means "a read failed and may be retried"."""
        if kind.write:
            self.pacer.wait_before(kind.content_created)
        self.counters.add(kind)
        try:
            response = self.inner.handle_request(request)
            response.request = request  # httpx sets it only after the outermost transport
            response.read()
        except httpx.TransportError as exc:
            if kind.write:
                raise OutcomeUnknownError(
                    f"{request.method} {request.url.path}: {exc!r}",
                    method=request.method,
                    path=request.url.path,
                ) from None
            self._retry_read(request, failures, repr(exc))
            return None
        finally:
            if kind.write:
                self.pacer.record(kind.content_created)
        if response.status_code >= 500:
            if kind.write:
                raise OutcomeUnknownError(
                    f"{request.method} {request.url.path}: HTTP {response.status_code}",
                    status=response.status_code,
                    method=request.method,
                    path=request.url.path,
                )
            self._retry_read(request, failures, f"HTTP {response.status_code}")
            return None
        return response

    def _retry_read(self, request: httpx.Request, failures: int, what: str) -> None:
        if failures + 1 >= self.read_retries:
            raise ReadFailedError(
                f"{request.method} {request.url.path} failed {failures + 1} times: {what}",
                method=request.method,
                path=request.url.path,
            )
        self.clock.sleep(2.0 ** (failures + 1))

    def close(self) -> None:
        self.inner.close()


def rate_limit_wait(response: httpx.Response, now_wall: float, attempt: int) -> float | None:
    """Seconds to wait before retrying, or None when this is not a rate-limit answer."""
    headers = response.headers
    if response.status_code == 200 and is_graphql(response.request.url.path):
        if not _graphql_rate_limited(response):
            return None
    elif response.status_code not in (403, 429) or not _looks_limited(response):
        return None
    if "retry-after" in headers:
        return max(float(str(headers["retry-after"])), 0.0)
    if headers.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in headers:
        return max(float(str(headers["x-ratelimit-reset"])) - now_wall, 0.0) + 1.0
    return MIN_BACKOFF * float(2**attempt)


def _looks_limited(response: httpx.Response) -> bool:
    if response.status_code == 429 or "retry-after" in response.headers:
        return True
    if response.headers.get("x-ratelimit-remaining") == "0":
        return True
    return "rate limit" in response.text.lower()


def _graphql_rate_limited(response: httpx.Response) -> bool:
    if b"RATE_LIMITED" not in response.content:  # most answers: no need to parse them here
        return False
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    errors = body.get("errors") if isinstance(body, dict) else None
    return isinstance(errors, list) and any(
        isinstance(e, dict) and e.get("type") == "RATE_LIMITED" for e in errors
    )
