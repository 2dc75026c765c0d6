"""GitHub App authentication: an installation token narrowed to what one job needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from cohort.clock import Clock, SystemClock
from cohort.errors import GitHubError, UsageError
from cohort.github import routes
from cohort.github.client import Client
from cohort.github.pacing import Pacing
from cohort.github.ports import InstallationAccess
from cohort.reconcile.prerequisites import MissingPrerequisiteError

APPLY_PERMISSIONS = {
    "administration": "write",
    "contents": "write",
    "issues": "write",
    "members": "write",
    "metadata": "read",
    "pages": "write",  # scaffolds that deploy to Pages; portfolio pages
    "pull_requests": "write",
    "workflows": "write",  # scaffold files under .github/workflows/: refused without it
}
READ_PERMISSIONS = {
    "administration": "read",
    "contents": "read",
    "issues": "read",
    "members": "read",
    "metadata": "read",
    "pages": "read",
    "pull_requests": "read",
}


ALL_REPOSITORIES = InstallationAccess("all", "")


@dataclass(frozen=True)
class InstallationToken:
    token: str
    expires_at: str
    permissions: dict[str, str]
    access: InstallationAccess = ALL_REPOSITORIES

    def __repr__(self) -> str:  # never show the token
        return f"InstallationToken(expires_at={self.expires_at!r}, permissions={self.permissions})"


def app_jwt(app_id: int, private_key: str, clock: Clock | None = None) -> str:
    """An RS256 JWT for the App, valid for nine minutes (issued a minute early for skew)."""
    now = int((clock or SystemClock()).wall())
    try:
        return jwt.encode(
            {"iat": now - 60, "exp": now + 540, "iss": str(app_id)}, private_key, algorithm="RS256"
        )
    except (ValueError, TypeError, jwt.PyJWTError) as exc:
        raise UsageError(f"the App private key is not a valid RSA PEM key ({exc})") from None


def installation_token(
    app_id: int,
    private_key: str,
    org: str,
    *,
    api_url: str,
    permissions: dict[str, str],
    transport: httpx.BaseTransport | None = None,
    clock: Clock | None = None,
) -> InstallationToken:
    """Mint an installation token for ``org`` with exactly ``permissions``."""
    bearer = app_jwt(app_id, private_key, clock)
    headers = {"Authorization": f"Bearer {bearer}", "Accept": "application/vnd.github+json"}
    with httpx.Client(
        base_url=api_url.rstrip("/") + "/", transport=transport, headers=headers, timeout=30.0
    ) as http:
        find = routes.ORG_INSTALLATION
        found = _json(
            http.request(find.method, find.url(org=org).lstrip("/")),
            "find the App's installation",
        )
        lacking = missing_permissions(permissions, found.get("permissions") or {})
        if lacking:
            raise MissingPrerequisiteError(
                f"the App's installation on '{org}' lacks {', '.join(lacking)}; nothing was "
                "written. Add it in the App's settings (Permissions & events), then have an "
                "organization owner accept the new permissions "
                "(docs/reference/app.md#apply-app-permissions)"
            )
        mint = routes.INSTALLATION_TOKEN
        minted = _json(
            http.request(
                mint.method,
                mint.url(installation_id=found["id"]).lstrip("/"),
                json={"permissions": permissions},
            ),
            "mint a token",
        )
    access = InstallationAccess(
        str(found.get("repository_selection") or "all"), str(found.get("html_url") or "")
    )
    return InstallationToken(
        str(minted["token"]),
        str(minted.get("expires_at", "")),
        dict(minted.get("permissions", {})),
        access,
    )


LEVEL = {"read": 1, "write": 2, "admin": 3}


def missing_permissions(wanted: dict[str, str], granted: dict[str, str]) -> list[str]:
    """``name: level`` for each wanted permission the installation does not grant."""
    return [
        f"{name}: {level}"
        for name, level in sorted(wanted.items())
        if LEVEL.get(granted.get(name, ""), 0) < LEVEL[level]
    ]


def _json(response: httpx.Response, what: str) -> dict[str, Any]:
    if response.status_code >= 400:
        message = response.json().get("message", "") if response.content else ""
        raise GitHubError(
            f"could not {what}: HTTP {response.status_code} {message}",
            status=response.status_code,
            method=response.request.method,
            path=response.request.url.path,
        )
    body = response.json()
    if not isinstance(body, dict):
        raise GitHubError(f"could not {what}: unexpected answer")
    return body


def app_client(
    app_id: int,
    private_key: str,
    org: str,
    *,
    api_url: str,
    write: bool,
    transport: httpx.BaseTransport | None = None,
    clock: Clock | None = None,
    pacing: Pacing | None = None,
) -> Client:
    """A client on an installation token: read-only for plans, write for apply.

    Installation tokens live one hour; the client mints a new one before each request that
    would otherwise go out with less than ``REFRESH_MARGIN`` left, so long runs keep working.
    """
    clock = clock or SystemClock()

    def mint() -> InstallationToken:
        return installation_token(
            app_id,
            private_key,
            org,
            api_url=api_url,
            permissions=APPLY_PERMISSIONS if write else READ_PERMISSIONS,
            transport=transport,
            clock=clock,
        )

    tokens = InstallationTokens(mint, clock)
    inner = RefreshingTransport(transport or httpx.HTTPTransport(retries=0), tokens)
    first = tokens.current()
    return Client(
        first,
        api_url=api_url,
        transport=inner,
        clock=clock,
        pacing=pacing,
        installation=tokens.access,
    )


REFRESH_MARGIN = 300.0  # seconds: a request never leaves with a token about to expire


class InstallationTokens:
    """The current installation token, minted again shortly before it expires."""

    def __init__(self, mint: Callable[[], InstallationToken], clock: Clock) -> None:
        self._mint = mint
        self._clock = clock
        self._token: InstallationToken | None = None
        self.minted = 0  # how many tokens this run needed

    @property
    def access(self) -> InstallationAccess | None:
        """What the latest token reaches (None before the first is minted)."""
        return self._token.access if self._token else None

    def current(self) -> str:
        token = self._token
        if token is None or self._clock.wall() >= _expiry(token) - REFRESH_MARGIN:
            token = self._token = self._mint()
            self.minted += 1
        return token.token


def _expiry(token: InstallationToken) -> float:
    """When the token expires (Unix time); an unreadable date counts as already expired."""
    try:
        return dt.datetime.fromisoformat(token.expires_at.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


class RefreshingTransport(httpx.BaseTransport):
    """Sets the current installation token on every request, right before it is sent."""

    def __init__(self, inner: httpx.BaseTransport, tokens: InstallationTokens) -> None:
        self.inner = inner
        self.tokens = tokens

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["Authorization"] = f"token {self.tokens.current()}"
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
