"""GitHub App authentication: an installation token narrowed to what one job needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from cohort.clock import Clock, SystemClock
from cohort.errors import GitHubError, UsageError
from cohort.github import routes
from cohort.github.client import Client
from cohort.github.pacing import Pacing

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
    "pull_requests": "read",
}


@dataclass(frozen=True)
class InstallationToken:
    token: str
    expires_at: str
    permissions: dict[str, str]

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
        mint = routes.INSTALLATION_TOKEN
        minted = _json(
            http.request(
                mint.method,
                mint.url(installation_id=found["id"]).lstrip("/"),
                json={"permissions": permissions},
            ),
            "mint a token",
        )
    return InstallationToken(
        str(minted["token"]), str(minted.get("expires_at", "")), dict(minted.get("permissions", {}))
    )


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
    """A client on an installation token: read-only for plans, write for apply."""
    minted = installation_token(
        app_id,
        private_key,
        org,
        api_url=api_url,
        permissions=APPLY_PERMISSIONS if write else READ_PERMISSIONS,
        transport=transport,
        clock=clock,
    )
    return Client(minted.token, api_url=api_url, transport=transport, clock=clock, pacing=pacing)
