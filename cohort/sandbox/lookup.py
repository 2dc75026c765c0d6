"""Find the objects a request names, or answer 404 as GitHub does."""

from __future__ import annotations

from typing import Any

from cohort.sandbox.state import Issue, Org, Repo, State, Team
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
    found = ctx.state.canonical(login)
    if found is None:
        raise not_found()
    del field_name
    return found


_LOGIN_LISTS = ("reviewers", "assignees")


def canonical_logins(state: State, params: dict[str, str], data: Any) -> None:
    """Rewrite every login a request names to GitHub's spelling, in place.

    GitHub matches logins case-insensitively everywhere and answers with the canonical
    spelling (``GET /users/JaneDoe42`` answers ``"login": "janedoe42"``).
    """
    if "username" in params:
        params["username"] = state.canonical(params["username"]) or params["username"]
    if not isinstance(data, dict):
        return
    for key in _LOGIN_LISTS:
        if isinstance(data.get(key), list):
            data[key] = [(state.canonical(x) or x) if isinstance(x, str) else x for x in data[key]]
    if isinstance(data.get("assignee"), str):
        data["assignee"] = state.canonical(data["assignee"]) or data["assignee"]


def require_name(value: Any, resource: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise invalid(resource, "missing_field", "name")
    return value
