"""Request and response values, GitHub's error bodies, pagination and the handler registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:
    from cohort.sandbox.auth import Principal
    from cohort.sandbox.state import State

DOCS = "https://docs.github.com/rest"


@dataclass
class Request:
    """A routed REST request."""

    method: str
    path: str
    operation: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    principal: Principal
    base_url: str
    accept: str = ""


@dataclass
class Response:
    """What a handler answers: status, JSON-able body (None for no body), extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class ApiError(Exception):
    """A GitHub error answer."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: list[Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def response(self) -> Response:
        body: dict[str, Any] = {"message": self.message, "documentation_url": DOCS}
        if self.errors is not None:
            body["errors"] = self.errors
        body["status"] = str(self.status)
        return Response(self.status, body, dict(self.headers))


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def invalid(resource: str, code: str, field_name: str) -> ApiError:
    """GitHub's 422 Validation Failed with one error."""
    return ApiError(
        422, "Validation Failed", [{"resource": resource, "code": code, "field": field_name}]
    )


def forbidden_integration() -> ApiError:
    return ApiError(403, "Resource not accessible by integration")


def iso(ts: float) -> str:
    """Unix time as GitHub's ISO-8601 UTC string."""
    moment = dt.datetime.fromtimestamp(int(ts), tz=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def paginate(req: Request, items: list[Any]) -> tuple[list[Any], dict[str, str]]:
    """One page of ``items`` per ``per_page``/``page`` and GitHub's ``Link`` header."""
    per_page = max(1, min(100, int(req.query.get("per_page", "30") or 30)))
    page = max(1, int(req.query.get("page", "1") or 1))
    last = max(1, -(-len(items) // per_page))
    chunk = items[(page - 1) * per_page : page * per_page]
    links = []

    def url(n: int) -> str:
        query = {**req.query, "per_page": str(per_page), "page": str(n)}
        return f"<{req.base_url}{req.path}?{urlencode(query)}>"

    if page > 1:
        links += [f'{url(page - 1)}; rel="prev"', f'{url(1)}; rel="first"']
    if page < last:
        links += [f'{url(page + 1)}; rel="next"', f'{url(last)}; rel="last"']
    return chunk, ({"link": ", ".join(links)} if links else {})


def page_response(req: Request, items: list[Any]) -> Response:
    chunk, headers = paginate(req, items)
    return Response(200, chunk, headers)


Handler = Callable[["Ctx", Request], Response]
HANDLERS: dict[str, Handler] = {}


def op(operation_id: str) -> Callable[[Handler], Handler]:
    """Register a handler for a GitHub operationId."""

    def register(fn: Handler) -> Handler:
        HANDLERS[operation_id] = fn
        return fn

    return register


@dataclass
class Ctx:
    """What handlers get: the state, the current time and counters to report."""

    state: State
    now: float
    created: int = 0

    @property
    def stamp(self) -> str:
        return iso(self.now)
