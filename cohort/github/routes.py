"""Every GitHub REST route cohort calls, declared once with the permission it needs.

Callers send a route with ``client.call(ROUTE, body=..., repo=..., number=...)``; nothing
else spells a REST path. GraphQL mutations are declared here too (:class:`Operation`), so a
job's least permissions are derived from the routes and operations it uses
(:func:`required_permissions`), and a token can be checked before anything is written.
``{repo}`` is always ``owner/name``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

Level = Literal["read", "write", ""]  # "" for calls that need no installation permission


class Needs(Protocol):
    @property
    def permission(self) -> str: ...

    @property
    def level(self) -> Level: ...


@dataclass(frozen=True)
class Route:
    """One REST route and the GitHub App / fine-grained token permission that grants it."""

    method: str
    path: str
    permission: str
    level: Level

    def url(self, **params: str | int) -> str:
        """The route with its ``{placeholders}`` filled in."""
        return self.path.format(**params)


@dataclass(frozen=True)
class Operation:
    """One GraphQL mutation and the permission it needs."""

    name: str
    permission: str
    level: Level


def _r(method: str, path: str, permission: str, level: Level) -> Route:
    return Route(method, path, permission, level)


# --- organization ----------------------------------------------------------------------------
GET_ORG = _r("GET", "/orgs/{org}", "", "")
CREATE_TEAM = _r("POST", "/orgs/{org}/teams", "members", "write")
PUT_MEMBERSHIP = _r("PUT", "/orgs/{org}/teams/{team}/memberships/{login}", "members", "write")
DELETE_MEMBERSHIP = _r("DELETE", "/orgs/{org}/teams/{team}/memberships/{login}", "members", "write")
CREATE_REPO = _r("POST", "/orgs/{org}/repos", "administration", "write")
LIST_ORG_MEMBERS = _r("GET", "/orgs/{org}/members", "members", "read")
LIST_ORG_INVITATIONS = _r("GET", "/orgs/{org}/invitations", "members", "read")
LIST_FAILED_ORG_INVITATIONS = _r("GET", "/orgs/{org}/failed_invitations", "members", "read")
CANCEL_ORG_INVITATION = _r("DELETE", "/orgs/{org}/invitations/{id}", "members", "write")
REMOVE_TEAM_REPO = _r("DELETE", "/orgs/{org}/teams/{team}/repos/{repo}", "administration", "write")
RATE_LIMIT = _r("GET", "/rate_limit", "", "")
# --- repositories ----------------------------------------------------------------------------
GET_REPO = _r("GET", "/repos/{repo}", "metadata", "read")
UPDATE_REPO = _r("PATCH", "/repos/{repo}", "administration", "write")
PUT_COLLABORATOR = _r("PUT", "/repos/{repo}/collaborators/{login}", "administration", "write")
DELETE_COLLABORATOR = _r("DELETE", "/repos/{repo}/collaborators/{login}", "administration", "write")
LIST_INVITATIONS = _r("GET", "/repos/{repo}/invitations", "administration", "read")
CREATE_MILESTONE = _r("POST", "/repos/{repo}/milestones", "issues", "write")
UPDATE_MILESTONE = _r("PATCH", "/repos/{repo}/milestones/{number}", "issues", "write")
GET_PAGES = _r("GET", "/repos/{repo}/pages", "pages", "read")
CREATE_PAGES = _r("POST", "/repos/{repo}/pages", "pages", "write")
# --- contents and git ------------------------------------------------------------------------
GET_CONTENT = _r("GET", "/repos/{repo}/contents/{path}", "contents", "read")
PUT_CONTENT = _r("PUT", "/repos/{repo}/contents/{path}", "contents", "write")
GET_HEAD_REF = _r("GET", "/repos/{repo}/git/ref/heads/{branch}", "contents", "read")
CREATE_REF = _r("POST", "/repos/{repo}/git/refs", "contents", "write")
GET_TREE = _r("GET", "/repos/{repo}/git/trees/{tree}", "contents", "read")
GET_BLOB = _r("GET", "/repos/{repo}/git/blobs/{sha}", "contents", "read")
GET_COMMIT = _r("GET", "/repos/{repo}/git/commits/{sha}", "contents", "read")
# --- issues and comments ---------------------------------------------------------------------
LIST_ISSUES = _r("GET", "/repos/{repo}/issues", "issues", "read")
CREATE_ISSUE = _r("POST", "/repos/{repo}/issues", "issues", "write")
UPDATE_ISSUE = _r("PATCH", "/repos/{repo}/issues/{number}", "issues", "write")
LIST_COMMENTS = _r("GET", "/repos/{repo}/issues/{number}/comments", "issues", "read")
CREATE_COMMENT = _r("POST", "/repos/{repo}/issues/{number}/comments", "issues", "write")
UPDATE_COMMENT = _r("PATCH", "/repos/{repo}/issues/comments/{comment_id}", "issues", "write")
ADD_LABELS = _r("POST", "/repos/{repo}/issues/{number}/labels", "issues", "write")
ADD_ASSIGNEES = _r("POST", "/repos/{repo}/issues/{number}/assignees", "issues", "write")
SET_LABELS = _r("PUT", "/repos/{repo}/issues/{number}/labels", "issues", "write")
REMOVE_LABEL = _r("DELETE", "/repos/{repo}/issues/{number}/labels/{name}", "issues", "write")
# --- pull requests ---------------------------------------------------------------------------
LIST_PULLS = _r("GET", "/repos/{repo}/pulls", "pull_requests", "read")
CREATE_PULL = _r("POST", "/repos/{repo}/pulls", "pull_requests", "write")
LIST_FILES = _r("GET", "/repos/{repo}/pulls/{number}/files", "pull_requests", "read")
REQUEST_REVIEWERS = _r(
    "POST", "/repos/{repo}/pulls/{number}/requested_reviewers", "pull_requests", "write"
)
GET_PULL = _r("GET", "/repos/{repo}/pulls/{number}", "pull_requests", "read")
LIST_REVIEWS = _r("GET", "/repos/{repo}/pulls/{number}/reviews", "pull_requests", "read")
REMOVE_REVIEWERS = _r(
    "DELETE", "/repos/{repo}/pulls/{number}/requested_reviewers", "pull_requests", "write"
)
PULLS_FOR_COMMIT = _r("GET", "/repos/{repo}/commits/{sha}/pulls", "pull_requests", "read")
# --- App-level (JWT) calls: they need no installation permission -----------------------------
INSTALLATION_TOKEN = _r("POST", "/app/installations/{installation_id}/access_tokens", "", "")
LIST_INSTALLATIONS = _r("GET", "/app/installations", "", "")  # cohort serve's start-up check
ORG_INSTALLATION = _r("GET", "/orgs/{org}/installation", "", "")
HOOK_DELIVERIES = _r("GET", "/app/hook/deliveries", "", "")  # cohort app redeliver
REDELIVER_HOOK = _r("POST", "/app/hook/deliveries/{delivery_id}/attempts", "", "")

# --- GraphQL mutations -----------------------------------------------------------------------
UPDATE_TOPICS = Operation("updateTopics", "administration", "write")
COMMIT_FILES = Operation("createCommitOnBranch", "contents", "write")
CREATE_LABEL = Operation("createLabel", "issues", "write")
UPDATE_LABEL = Operation("updateLabel", "issues", "write")
PROTECT_BRANCH = Operation("createBranchProtectionRule", "administration", "write")
UPDATE_PROTECTION = Operation("updateBranchProtectionRule", "administration", "write")
TEAM_ACCESS = Operation("updateTeamsRepository", "administration", "write")
CREATE_ISSUE_MUTATION = Operation("createIssue", "issues", "write")
READ_GRAPHQL = Operation("query", "metadata", "read")  # reads: each object's own read permission

ROUTES: tuple[Route, ...] = tuple(v for v in tuple(globals().values()) if isinstance(v, Route))

RANK = {"": 0, "read": 1, "write": 2}


def required_permissions(needs: Iterable[Needs]) -> dict[str, str]:
    """The least permissions that cover ``needs``, plus metadata (always granted)."""
    out: dict[str, str] = {"metadata": "read"}
    for need in needs:
        if not need.permission:
            continue
        if RANK[need.level] > RANK[out.get(need.permission, "")]:
            out[need.permission] = need.level
    return dict(sorted(out.items()))
