"""Find the objects a request names, or answer 404 as GitHub does."""

from __future__ import annotations

from typing import Any

from cohort.sandbox.state import Issue, Org, Repo, Team
from cohort.sandbox.wire import ApiError, Ctx, Request, invalid, not_found


def org(ctx: Ctx, req: Request) -> Org:
    found = ctx.state.orgs.get(req.params.get("org") or req.params.get("owner", ""))
    if found is None:
        raise not_found()
    return found


def repo(ctx: Ctx, req: Request) -> Repo:
    found = ctx.state.repo(req.params["owner"], req.params["repo"])
    if found is None:
        raise not_found()
    return found


def writable_repo(ctx: Ctx, req: Request) -> Repo:
    found = repo(ctx, req)
    if found.archived:
        raise ApiError(403, "Repository was archived so is read-only.")
    return found


def team(ctx: Ctx, req: Request) -> Team:
    found = ctx.state.team(org(ctx, req).login, req.params["team_slug"])
    if found is None:
        raise not_found()
    return found


def issue(ctx: Ctx, req: Request, key: str = "issue_number") -> tuple[Repo, Issue]:
    found = repo(ctx, req)
    item = found.issues.get(int(req.params[key]))
    if item is None:
        raise not_found()
    return found, item


def pull(ctx: Ctx, req: Request) -> tuple[Repo, Issue]:
    found, item = issue(ctx, req, "pull_number")
    if item.pull is None:
        raise not_found()
    return found, item


def body(req: Request) -> dict[str, Any]:
    data = req.body
    return data if isinstance(data, dict) else {}


def user_exists(ctx: Ctx, login: str, field_name: str = "username") -> str:
    """The canonical login, or 404 when no such user."""
    found = next(
        (u.login for u in ctx.state.users.values() if u.login.lower() == login.lower()), None
    )
    if found is None:
        raise not_found()
    del field_name
    return found


def require_name(value: Any, resource: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise invalid(resource, "missing_field", "name")
    return value
