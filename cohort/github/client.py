"""The GitHub client cohort uses: githubkit over a paced transport, plus a GraphQL helper."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from githubkit import GitHub
from githubkit.exception import RequestError, RequestFailed

from cohort.clock import Clock, SystemClock
from cohort.errors import (
    CohortError,
    ConflictError,
    ForbiddenError,
    GitHubError,
    InvitationQuotaError,
    MissingPermissionError,
    NotFoundError,
    UnprocessableError,
)
from cohort.github.pacing import Pacer, Pacing
from cohort.github.ports import GraphQLResult, InstallationAccess
from cohort.github.routes import Route
from cohort.github.transport import Counters, PacedTransport

DEFAULT_API = "https://api.github.com"


class Client:
    """One authenticated identity: REST through githubkit, GraphQL as raw documents."""

    def __init__(
        self,
        token: str,
        *,
        api_url: str = DEFAULT_API,
        transport: httpx.BaseTransport | None = None,
        clock: Clock | None = None,
        pacing: Pacing | None = None,
        installation: InstallationAccess | None = None,
    ) -> None:
        self.clock = clock or SystemClock()
        self._token = token
        self.installation = installation  # None: not an App installation token
        inner = transport or httpx.HTTPTransport(retries=0)
        self.transport = PacedTransport(inner, self.clock, Pacer(self.clock, pacing or Pacing()))
        self.api_url = api_url.rstrip("/")
        self.gh: GitHub[Any] = GitHub(
            token,
            base_url=self.api_url + "/",
            transport=self.transport,
            auto_retry=False,
            http_cache=False,
            timeout=30.0,
        )

    def mask_commands(self) -> list[str]:
        """``::add-mask::`` for this client's token, for Actions logs (never print the token)."""
        return [f"::add-mask::{self._token}"]

    def __repr__(self) -> str:
        return f"Client(api_url={self.api_url!r})"

    @property
    def fine_grained(self) -> bool:
        """A fine-grained personal token, whose permissions GitHub does not reveal."""
        return self._token.startswith("github_pat_")

    @property
    def pacer(self) -> Pacer:
        """The write pacing in force (the executor asks it whether a write would wait)."""
        return self.transport.pacer

    @property
    def counters(self) -> Counters:
        return self.transport.counters

    @property
    def graphql_url(self) -> str:
        if self.api_url.endswith("/api/v3"):
            return self.api_url[: -len("/v3")] + "/graphql"
        return self.api_url + "/graphql"

    def graphql(self, document: str, variables: dict[str, Any] | None = None) -> GraphQLResult:
        """Send one document; partial data and errors both come back."""
        with github_errors():
            response = self.gh.request(
                "POST", self.graphql_url, json={"query": document, "variables": variables or {}}
            )
        body = json.loads(response.content)
        if not isinstance(body, dict):
            raise GitHubError("GraphQL answered with something that is not an object")
        return GraphQLResult(body.get("data") or {}, list(body.get("errors") or []))

    def token_scopes(self) -> frozenset[str] | None:
        """A classic token's scopes (``X-OAuth-Scopes``, on a free read); None for other kinds."""
        with github_errors():
            response = self.gh.request("GET", "rate_limit")
        header = response.headers.get("x-oauth-scopes")
        if header is None:
            return None
        return frozenset(s.strip() for s in header.split(",") if s.strip())

    def rest(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        """A REST call for operations githubkit types poorly; returns parsed JSON or None."""
        with github_errors():
            response = self.gh.request(method, path.lstrip("/"), json=body, params=params)
        return json.loads(response.content) if response.content else None

    def call(
        self,
        route: Route,
        *,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        **where: str | int,
    ) -> Any:
        """Send one declared route with its ``{placeholders}`` filled from ``where``."""
        return self.rest(route.method, route.url(**where), body, params)


@contextmanager
def github_errors() -> Iterator[None]:
    """Turn githubkit's exceptions into cohort's error tree (and unwrap our own)."""
    try:
        yield
    except RequestFailed as exc:
        raise _typed(exc) from None
    except RequestError as exc:
        cause = exc.__cause__ or (exc.args[0] if exc.args else None)
        if isinstance(cause, CohortError):
            raise cause from None
        raise GitHubError(f"request failed: {cause!r}") from None


def _typed(exc: RequestFailed) -> GitHubError:
    response = exc.response
    try:
        body = json.loads(response.raw_response.content)
    except ValueError:
        body = {}
    request = response.raw_request
    return http_error(
        response.status_code,
        request.method,
        request.url.path,
        body,
        accepted=response.raw_response.headers.get("x-accepted-github-permissions", ""),
    )


# GitHub's fixed message when an App or fine-grained token lacks the permission a route needs
# (sent without X-Accepted-GitHub-Permissions by some routes); read here, at the boundary, once.
NOT_ACCESSIBLE = "Resource not accessible by"
# GitHub's words when an organization is over its 24-hour invitation limit (HTTP 422)
INVITATION_QUOTA = "Over invitation rate limit"


def http_error(
    status: int, method: str, path: str, body: object, *, accepted: str = ""
) -> GitHubError:
    """The typed error for an HTTP error answer (pure; the message keeps GitHub's words)."""
    message = str(body.get("message", "")) if isinstance(body, dict) else ""
    errors = body.get("errors") if isinstance(body, dict) else None
    detail = f" {errors}" if errors else ""
    text = f"{method} {path} → HTTP {status}: {message}{detail}"
    where = {"method": method, "path": path}
    if status == 404:
        return NotFoundError(text, status=status, **where)
    if status == 403 and (accepted or message.startswith(NOT_ACCESSIBLE)):
        return MissingPermissionError(text, status=status, accepted=accepted, **where)
    if status == 403:
        return ForbiddenError(text, status=status, **where)
    if status == 409:
        return ConflictError(text, status=status, **where)
    if status == 422:
        codes = tuple(
            str(e["code"])
            for e in (errors if isinstance(errors, list) else [])
            if isinstance(e, dict) and e.get("code")
        )
        quota = any(
            isinstance(e, dict) and INVITATION_QUOTA in str(e.get("message", ""))
            for e in (errors if isinstance(errors, list) else [])
        )
        kind = InvitationQuotaError if quota else UnprocessableError
        return kind(text, status=status, codes=codes, **where)
    return GitHubError(text, status=status, **where)
