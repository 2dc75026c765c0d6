"""GraphQL object views: state objects as dicts whose callables resolve connection fields."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from cohort.sandbox.shapes import WEB
from cohort.sandbox.shapes_issues import issue_counts
from cohort.sandbox.state import (
    Comment,
    Issue,
    Label,
    Milestone,
    ProtectionRule,
    Repo,
    State,
    Team,
)
from cohort.sandbox.wire import iso

View = dict[str, Any]
_PERMISSION = {
    "pull": "READ",
    "triage": "TRIAGE",
    "push": "WRITE",
    "maintain": "MAINTAIN",
    "admin": "ADMIN",
}


class GqlError(Exception):
    """A GraphQL error with GitHub's ``type`` (NOT_FOUND, UNPROCESSABLE, FORBIDDEN, …)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def cursor(index: int) -> str:
    return base64.b64encode(f"cursor:v2:{index}".encode()).decode()


def _start(after: str | None) -> int:
    if not after:
        return 0
    try:
        return int(base64.b64decode(after).decode().rsplit(":", 1)[1]) + 1
    except (ValueError, IndexError) as exc:
        raise GqlError(
            "INVALID_CURSOR_ARGUMENTS", f"`{after}` does not appear to be a valid cursor."
        ) from exc


def connection(items: list[tuple[View, View]], args: dict[str, Any]) -> View:
    """A Relay connection over (node, edge extras) pairs, honouring first/after/last."""
    start = _start(args.get("after"))
    window = list(enumerate(items))[start:]
    if args.get("first") is not None:
        window = window[: args["first"]]
    if args.get("last") is not None:
        window = window[-args["last"] :] if args["last"] else []
    edges = [{"cursor": cursor(i), "node": node, **extra} for i, (node, extra) in window]
    end = window[-1][0] if window else start - 1
    return {
        "totalCount": len(items),
        "nodes": [e["node"] for e in edges],
        "edges": edges,
        "pageInfo": {
            "hasNextPage": end + 1 < len(items),
            "hasPreviousPage": start > 0,
            "endCursor": cursor(end) if window else None,
            "startCursor": cursor(window[0][0]) if window else None,
        },
    }


def plain(nodes: list[View]) -> list[tuple[View, View]]:
    return [(n, {}) for n in nodes]


def lazy(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a field computed from its arguments (the resolver calls it with them)."""
    return fn


def user(state: State, login: str) -> View:
    found = state.users.get(login)
    kind = "Bot" if found is not None and found.type == "Bot" else "User"
    return {
        "__typename": kind,
        "login": login,
        "id": found.node_id if found else "",
        "databaseId": found.id if found else None,
        "name": found.name if found else None,
        "url": f"{WEB}/{login}",
        "avatarUrl": f"https://avatars.githubusercontent.com/{login}",
    }


def actor(state: State, login: str | None) -> View | None:
    return None if login is None else user(state, login)


def team(state: State, t: Team) -> View:
    def members(**a: Any) -> View:
        role = a.get("role")
        pairs = [
            (user(state, u), {"role": r.upper()})
            for u, r in sorted(t.members.items())
            if role in (None, r.upper())
        ]
        return connection(pairs, a)

    def repositories(**a: Any) -> View:
        pairs = [
            (repository(state, state.repos[n]), {"permission": _PERMISSION[p]})
            for n, p in sorted(t.repos.items())
            if n in state.repos
        ]
        return connection(pairs, a)

    def invitations(**a: Any) -> View:
        pending = [
            {
                "__typename": "OrganizationInvitation",
                "invitee": user(state, u),
                "id": f"OI_{t.id}_{u}",
                "role": "DIRECT_MEMBER",
            }
            for u in sorted(t.pending)
        ]
        return connection(plain(pending), a)

    return {
        "__typename": "Team",
        "id": t.node_id,
        "databaseId": t.id,
        "slug": t.slug,
        "name": t.name,
        "description": t.description,
        "combinedSlug": f"{t.org}/{t.slug}",
        "privacy": "VISIBLE" if t.privacy == "closed" else "SECRET",
        "members": members,
        "repositories": repositories,
        "invitations": invitations,
        "url": f"{WEB}/orgs/{t.org}/teams/{t.slug}",
    }


def organization(state: State, login: str) -> View:
    org = state.orgs[login]

    def one_team(slug: str, **_: Any) -> View | None:
        found = state.team(login, slug)
        return team(state, found) if found else None

    def teams(**a: Any) -> View:
        found = sorted((t for t in state.teams.values() if t.org == login), key=lambda t: t.slug)
        return connection(plain([team(state, t) for t in found]), a)

    def members_with_role(**a: Any) -> View:
        logins = sorted({*org.owners, *org.members})
        pairs = [
            (user(state, u), {"role": "ADMIN" if u in org.owners else "MEMBER"}) for u in logins
        ]
        return connection(pairs, a)

    return {
        "__typename": "Organization",
        "id": org.node_id,
        "databaseId": org.id,
        "login": login,
        "name": login,
        "team": one_team,
        "teams": teams,
        "membersWithRole": members_with_role,
        "url": f"{WEB}/{login}",
    }


def label(lab: Label) -> View:
    return {
        "__typename": "Label",
        "id": lab.node_id,
        "name": lab.name,
        "color": lab.color,
        "description": lab.description,
        "isDefault": lab.default,
    }


def milestone(state: State, repo: Repo, m: Milestone) -> View:
    opened, closed = issue_counts(repo, m.number)

    def issues(**a: Any) -> View:
        states = a.get("states") or ["OPEN", "CLOSED"]
        found = [
            i
            for i in repo.issues.values()
            if i.milestone == m.number and i.pull is None and i.state.upper() in states
        ]
        return connection(plain([issue(state, repo, i) for i in found]), a)

    total = opened + closed
    return {
        "__typename": "Milestone",
        "id": m.node_id,
        "number": m.number,
        "title": m.title,
        "description": m.description,
        "dueOn": m.due_on,
        "state": m.state.upper(),
        "closed": m.state == "closed",
        "closedAt": m.closed_at,
        "createdAt": m.created_at,
        "progressPercentage": (100.0 * closed / total) if total else 0.0,
        "issues": issues,
        "url": f"{WEB}/{repo.full_name}/milestone/{m.number}",
    }


def comment(state: State, c: Comment) -> View:
    return {
        "__typename": "IssueComment",
        "id": c.node_id,
        "databaseId": c.id,
        "body": c.body,
        "author": user(state, c.user),
        "createdAt": c.created_at,
        "updatedAt": c.updated_at,
    }


def _labels_of(repo: Repo, item: Issue) -> Callable[..., View]:
    by_id = {lab.id: lab for lab in repo.labels}
    return lambda **a: connection(plain([label(by_id[i]) for i in item.label_ids if i in by_id]), a)


def issue(state: State, repo: Repo, item: Issue) -> View:
    m = repo.milestone(item.milestone) if item.milestone is not None else None
    return {
        "__typename": "Issue",
        "id": item.node_id,
        "databaseId": item.id,
        "number": item.number,
        "title": item.title,
        "body": item.body or "",
        "state": item.state.upper(),
        "stateReason": (item.state_reason or "").upper() or None,
        "createdAt": item.created_at,
        "updatedAt": item.updated_at,
        "closedAt": item.closed_at,
        "closed": item.state == "closed",
        "author": user(state, item.user),
        "url": f"{WEB}/{repo.full_name}/issues/{item.number}",
        "milestone": milestone(state, repo, m) if m else None,
        "labels": _labels_of(repo, item),
        "assignees": lambda **a: connection(plain([user(state, u) for u in item.assignees]), a),
        "comments": lambda **a: connection(plain([comment(state, c) for c in item.comments]), a),
        "repository": lambda **_: repository(state, repo),
    }


def rule(r: ProtectionRule) -> View:
    return {
        "__typename": "BranchProtectionRule",
        "id": r.node_id,
        "databaseId": r.id,
        "pattern": r.pattern,
        "requiresApprovingReviews": r.requires_approving_reviews,
        "requiredApprovingReviewCount": r.required_approving_review_count,
        "requiresCodeOwnerReviews": r.requires_code_owner_reviews,
        "dismissesStaleReviews": r.dismiss_stale_reviews,
        "isAdminEnforced": r.enforce_admins,
        "requiresStatusChecks": r.status_checks is not None,
        "requiredStatusCheckContexts": list(r.status_checks or []),
        "requiresStrictStatusChecks": r.strict_status_checks,
        "requiresLinearHistory": r.linear_history,
        "allowsForcePushes": r.allow_force_pushes,
        "allowsDeletions": r.allow_deletions,
        "requiresConversationResolution": r.conversation_resolution,
        "requireLastPushApproval": r.require_last_push_approval,
    }


def repository(state: State, repo: Repo) -> View:
    from cohort.sandbox.graphql_repo import repository_fields

    return repository_fields(state, repo)


def stamp(ts: int) -> str:
    return iso(ts)
