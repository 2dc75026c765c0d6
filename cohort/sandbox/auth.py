"""Who is calling: personal and installation tokens, App JWTs, and what each may do."""

from __future__ import annotations

from dataclasses import dataclass

import jwt

from cohort.sandbox.state import PERMISSION_RANK, App, Repo, State, Token
from cohort.sandbox.wire import ApiError, forbidden_integration, not_found

LEVELS = {"read": 1, "write": 2, "admin": 3}
APP_OPERATIONS = {
    "apps/get-authenticated",
    "apps/list-installations",
    "apps/create-installation-access-token",
    "apps/get-org-installation",
    "apps/get-repo-installation",
    "apps/list-webhook-deliveries",
    "apps/get-webhook-delivery",
    "apps/redeliver-webhook-delivery",
}
_ADMIN_OPS = {
    "repos/update",
    "repos/replace-all-topics",
    "repos/add-collaborator",
    "repos/remove-collaborator",
    "repos/list-invitations",
    "repos/delete-invitation",
    "repos/update-branch-protection",
    "repos/delete-branch-protection",
    "repos/get-branch-protection",
    "repos/create-in-org",
}
# What a person does for themself (accepting invitations): no grant needed, no App may.
SELF_OPS = {
    "repos/accept-invitation-for-authenticated-user",
    "orgs/update-membership-for-authenticated-user",
}
_PAGES_OPS = {
    "repos/get-pages",
    "repos/create-pages-site",
    "repos/update-information-about-pages-site",
    "repos/delete-pages-site",
}
_METADATA_OPS = {
    "repos/get",
    "repos/list-for-org",
    "repos/get-all-topics",
    "repos/get-branch",
    "repos/list-collaborators",
}


@dataclass(frozen=True)
class Principal:
    """The authenticated caller."""

    login: str
    kind: str  # "user" | "app" | "installation"
    token: Token | None = None
    app: App | None = None


def bad_credentials() -> ApiError:
    return ApiError(401, "Bad credentials")


def from_header(
    state: State, header: str | None, now: float, *, app_times: bool = True
) -> Principal:
    """The caller named by an ``Authorization`` header (401 like GitHub otherwise)."""
    if not header:
        raise ApiError(401, "Requires authentication")
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() not in ("token", "bearer") or not value:
        raise bad_credentials()
    value = value.strip()
    if value.count(".") == 2 and value.startswith("ey"):
        app = verify_jwt(state, value, now, check_times=app_times)
        return Principal(f"{app.slug}[bot]", "app", app=app)
    token = state.tokens.get(value)
    expired = app_times and token is not None and token.expires_at is not None
    if token is None or (expired and token.expires_at is not None and token.expires_at <= now):
        raise bad_credentials()
    return Principal(token.login, token.kind, token=token)


def verify_jwt(state: State, encoded: str, now: float, *, check_times: bool = True) -> App:
    """An App's JWT: RS256 by the registered key, ``iss`` the App, ``exp`` ≤ 10 min ahead.

    Without ``check_times`` (a rehearsal whose sandbox clock is simulated while the App runs on
    real time) only the token's own lifetime is checked: ``iat`` < ``exp`` ≤ ``iat`` + 11 min.
    """
    try:
        claims = jwt.decode(encoded, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise ApiError(401, "A JSON web token could not be decoded") from exc
    app = next((a for a in state.apps.values() if str(a.app_id) == str(claims.get("iss"))), None)
    if app is None:
        raise ApiError(401, "A JSON web token could not be decoded")
    try:
        jwt.decode(
            encoded,
            app.public_key_pem,
            algorithms=["RS256"],
            options={"verify_exp": False, "verify_iat": False},
        )
    except jwt.PyJWTError as exc:
        raise ApiError(401, "A JSON web token could not be decoded") from exc
    exp, iat = claims.get("exp"), claims.get("iat")
    if not check_times and isinstance(iat, int) and isinstance(exp, int):
        now = iat + 1 if iat < exp <= iat + 660 else now
    if not isinstance(iat, int) or iat > now + 60:
        raise ApiError(
            401,
            "'Issued at' claim ('iat') must be an Integer representing the "
            "time that the assertion was issued",
        )
    if not isinstance(exp, int) or exp <= now:
        raise ApiError(
            401,
            "'Expiration time' claim ('exp') must be a numeric value "
            "representing the future time at which the assertion expires",
        )
    if exp > now + 600 + 60:
        raise ApiError(401, "'Expiration time' claim ('exp') is too far in the future")
    return app


def requirement(operation_id: str, method: str) -> tuple[str | None, str]:
    """The installation permission an operation needs, and at which level."""
    level = "read" if method in ("GET", "HEAD") else "write"
    area = operation_id.split("/")[0]
    if operation_id in _METADATA_OPS:
        return "metadata", "read"
    if operation_id in SELF_OPS:
        return None, level
    if operation_id in _ADMIN_OPS:
        return "administration", level
    if operation_id in _PAGES_OPS:
        return "pages", level
    table = {
        "orgs": "members",
        "teams": "members",
        "repos": "contents",
        "git": "contents",
        "issues": "issues",
        "pulls": "pull_requests",
    }
    return table.get(area), level


def authorize(
    state: State, who: Principal, operation_id: str, method: str, repo: Repo | None, org: str | None
) -> None:
    """Raise GitHub's 401/403/404 if ``who`` may not run this operation."""
    if operation_id in APP_OPERATIONS:
        if who.kind != "app":
            raise ApiError(401, "A JSON web token could not be decoded")
        return
    if who.kind == "app":
        raise ApiError(403, "Resource not accessible by integration")
    if operation_id in SELF_OPS and who.kind != "user":
        raise forbidden_integration()
    permission, level = requirement(operation_id, method)
    if who.kind == "installation" and who.token is not None:
        _check_installation(state, who.token, permission, level, repo)
    elif permission is not None:
        _check_scopes(who.token, permission, level, repo)
        _check_user(state, who.login, permission, level, repo, org)


def _check_installation(
    state: State, token: Token, permission: str | None, level: str, repo: Repo | None
) -> None:
    if repo is not None and not state.token_reaches(token, repo):
        raise not_found()
    if permission is None or permission == "metadata":
        return
    granted = (token.permissions or {}).get(permission)
    if granted is None or LEVELS[granted] < LEVELS[level]:
        raise forbidden_integration()


def accepted_scopes(permission: str | None, level: str, repo: Repo | None) -> list[str]:
    """The classic-token scopes any one of which lets a call through (``[]``: none needed).

    From GitHub's "Scopes for OAuth apps": ``repo`` for private repositories and any write,
    ``public_repo`` is enough to write a public one; ``admin:org`` (or ``write:org``) to change
    organization members, teams and invitations.
    """
    if repo is not None:
        if repo.visibility != "public":
            return ["repo"]
        return ["repo", "public_repo"] if level == "write" else []
    if permission == "members" and level == "write":
        return ["admin:org", "write:org"]
    return []


def _check_scopes(token: Token | None, permission: str, level: str, repo: Repo | None) -> None:
    if token is None or token.scopes is None:
        return
    wanted = accepted_scopes(permission, level, repo)
    if wanted and not set(wanted) & set(token.scopes):
        raise not_found()


def _check_user(
    state: State, login: str, permission: str, level: str, repo: Repo | None, org: str | None
) -> None:
    if repo is not None:
        perm = state.permission(login, repo)
        if perm is None:
            raise not_found()
        needed = (
            "admin"
            if permission == "administration" and level == "write"
            else "maintain"
            if permission == "pages" and level == "write"
            else ("push" if level == "write" else "pull")
        )
        if PERMISSION_RANK[perm] < PERMISSION_RANK[needed]:
            if needed in ("admin", "maintain"):
                raise ApiError(403, "Must have admin rights to Repository.")
            raise ApiError(403, "Resource not accessible by personal access token")
        return
    found = state.orgs.get(org) if org else None
    if (
        found is not None
        and level == "write"
        and permission in ("members", "administration")
        and login not in found.owners
        and not _maintains_a_team(state, login, org or "")
    ):
        raise ApiError(403, "You must be an admin to perform this action.")


def _maintains_a_team(state: State, login: str, org: str) -> bool:
    return any(t.org == org and t.members.get(login) == "maintainer" for t in state.teams.values())


def graphql_check(who: Principal, permission: str, repo: Repo | None, state: State) -> None:
    """The same rules for one GraphQL mutation (writes only)."""
    if who.kind == "installation" and who.token is not None:
        _check_installation(state, who.token, permission, "write", repo)
    elif who.kind == "user" and repo is not None:
        missing = missing_scopes(who, permission, "write", repo)
        if missing:
            raise ApiError(403, missing)
        _check_user(state, who.login, permission, "write", repo, repo.owner)


def missing_scopes(who: Principal, permission: str, level: str, repo: Repo | None) -> str:
    """GitHub's GraphQL ``INSUFFICIENT_SCOPES`` message, or "" when the token's scopes do."""
    token = who.token
    if who.kind != "user" or token is None or token.scopes is None:
        return ""
    wanted = accepted_scopes(permission, level, repo)
    if not wanted or set(wanted) & set(token.scopes):
        return ""
    return (
        "Your token has not been granted the required scopes to execute this query. "
        f"The '{'repository' if repo else 'organization'}' field requires one of the following "
        f"scopes: {wanted}, but your token has only been granted the: {list(token.scopes)} "
        "scopes. Please modify your token's scopes at: https://github.com/settings/tokens."
    )
