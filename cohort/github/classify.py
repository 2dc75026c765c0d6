"""Classify a request as GitHub counts it: read or write, mutations, content-creating objects."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_CONTENT_REST = (
    re.compile(r"/repos/[^/]+/[^/]+/issues$"),
    re.compile(r"/repos/[^/]+/[^/]+/issues/\d+/comments$"),
    re.compile(r"/repos/[^/]+/[^/]+/pulls/\d+/requested_reviewers$"),
    re.compile(r"/orgs/[^/]+/invitations$"),
)
# PUT memberships and collaborators may send an invitation; count them as creating content.
_MAYBE_CONTENT_PUT = (
    re.compile(r"/orgs/[^/]+/teams/[^/]+/memberships/[^/]+$"),
    re.compile(r"/repos/[^/]+/[^/]+/collaborators/[^/]+$"),
)
_CONTENT_MUTATIONS = {"createIssue": 1, "addComment": 1, "requestReviews": 1}
_MUTATION_FIELD = re.compile(r"(?:^|[\s{])(?:\w+\s*:\s*)?(\w+)\s*\(\s*input\s*:", re.MULTILINE)


@dataclass(frozen=True)
class RequestKind:
    write: bool
    mutations: int
    content_created: int


def is_graphql(path: str) -> bool:
    return path.endswith("/graphql")


def classify(method: str, path: str, body: bytes) -> RequestKind:
    """How GitHub's limits count this request (see GITHUB.md, "How we count")."""
    if is_graphql(path):
        query = _query_text(body)
        if not re.match(r"\s*mutation\b", query):
            return RequestKind(False, 0, 0)
        fields = _MUTATION_FIELD.findall(query)
        content = sum(_CONTENT_MUTATIONS.get(f, 0) for f in fields)
        return RequestKind(True, len(fields), content)
    if method.upper() in ("GET", "HEAD") or path.endswith("/access_tokens"):
        # minting an App installation token is neither a read nor a write; count it as a read
        return RequestKind(False, 0, 0)
    verb = method.upper()
    content = int(
        (verb == "POST" and any(p.search(path) for p in _CONTENT_REST))
        or (verb == "PUT" and any(p.search(path) for p in _MAYBE_CONTENT_PUT))
    )
    return RequestKind(True, 1, content)


def _query_text(body: bytes) -> str:
    try:
        doc = json.loads(body or b"{}")
    except ValueError:
        return ""
    query = doc.get("query", "") if isinstance(doc, dict) else ""
    return query if isinstance(query, str) else ""
