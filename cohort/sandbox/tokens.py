"""Mint personal and installation tokens (deterministic for the sandbox's seed)."""

from __future__ import annotations

import hashlib

from cohort.sandbox.state import App, State, Token


def _secret(state: State, prefix: str) -> str:
    number = state.next_id()
    digest = hashlib.sha256(f"{state.seed}:{prefix}:{number}".encode()).hexdigest()
    return prefix + digest[:36]


# The scopes of a classic token with full access (as GitHub's recordings show them in
# ``X-OAuth-Scopes``, @octokit/fixtures).
FULL_SCOPES = (
    "admin:gpg_key",
    "admin:org",
    "admin:org_hook",
    "admin:public_key",
    "admin:repo_hook",
    "delete_repo",
    "gist",
    "notifications",
    "repo",
    "user",
    "workflow",
)


def mint_personal_token(state: State, login: str, scopes: list[str] | None = None) -> Token:
    given = list(FULL_SCOPES if scopes is None else scopes)
    token = Token(_secret(state, "ghp_"), login, scopes=given)
    state.tokens[token.token] = token
    return token


def mint_installation_token(
    state: State, app: App, repos: list[str] | None, permissions: dict[str, str], now: float
) -> Token:
    """An hour-long ``ghs_`` token narrowed to ``repos`` and ``permissions``."""
    token = Token(
        _secret(state, "ghs_"),
        f"{app.slug}[bot]",
        "installation",
        app.installation_id,
        repos,
        permissions,
        now + 3600,
    )
    state.tokens[token.token] = token
    return token
