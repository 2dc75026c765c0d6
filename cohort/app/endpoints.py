"""Every GitHub endpoint the App calls, with the permission it needs (the manifest's source)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Endpoint:
    """One REST route and the App permission that grants it."""

    method: str
    path: str
    permission: str
    level: str  # read | write

    def url(self, **params: str | int) -> str:
        """The route with its ``{placeholders}`` filled in."""
        return self.path.format(**params)


LIST_FILES = Endpoint("GET", "/repos/{repo}/pulls/{number}/files", "pull_requests", "read")
LIST_PULLS = Endpoint("GET", "/repos/{repo}/pulls", "pull_requests", "read")
GET_CONTENT = Endpoint("GET", "/repos/{repo}/contents/{path}", "contents", "read")
ADD_LABELS = Endpoint("POST", "/repos/{repo}/issues/{number}/labels", "issues", "write")
SET_LABELS = Endpoint("PUT", "/repos/{repo}/issues/{number}/labels", "issues", "write")
REQUEST_REVIEWERS = Endpoint(
    "POST", "/repos/{repo}/pulls/{number}/requested_reviewers", "pull_requests", "write"
)
CREATE_COMMENT = Endpoint("POST", "/repos/{repo}/issues/{number}/comments", "issues", "write")
LIST_COMMENTS = Endpoint("GET", "/repos/{repo}/issues/{number}/comments", "issues", "read")
# App-level (JWT) calls: they need no installation permission.
INSTALLATION_TOKEN = Endpoint("POST", "/app/installations/{installation_id}/access_tokens", "", "")

ENDPOINTS: tuple[Endpoint, ...] = (
    LIST_FILES,
    LIST_PULLS,
    GET_CONTENT,
    ADD_LABELS,
    SET_LABELS,
    REQUEST_REVIEWERS,
    CREATE_COMMENT,
    LIST_COMMENTS,
    INSTALLATION_TOKEN,
)

# Events the App subscribes to; installation events are always sent to an App.
SUBSCRIBED_EVENTS: tuple[str, ...] = ("issue_comment", "pull_request", "pull_request_review")

RANK = {"read": 1, "write": 2}


def required_permissions() -> dict[str, str]:
    """The least permissions that cover every endpoint, plus metadata (always granted)."""
    needed: dict[str, str] = {"metadata": "read"}
    for endpoint in ENDPOINTS:
        if not endpoint.permission:
            continue
        have = needed.get(endpoint.permission, "")
        if RANK[endpoint.level] > RANK.get(have, 0):
            needed[endpoint.permission] = endpoint.level
    return dict(sorted(needed.items()))
