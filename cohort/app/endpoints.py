"""The GitHub routes the App calls (a subset of ``cohort.github.routes``): the manifest's source."""

from __future__ import annotations

from cohort.github.routes import (
    ADD_LABELS,
    CREATE_COMMENT,
    GET_COMMIT,
    GET_CONTENT,
    GET_PULL,
    INSTALLATION_TOKEN,
    LIST_COMMENTS,
    LIST_FILES,
    LIST_INSTALLATIONS,
    LIST_PULLS,
    LIST_REVIEWS,
    REMOVE_LABEL,
    REMOVE_REVIEWERS,
    REQUEST_REVIEWERS,
    SET_LABELS,
    Route,
)
from cohort.github.routes import required_permissions as _least

__all__ = [
    "ADD_LABELS",
    "CREATE_COMMENT",
    "ENDPOINTS",
    "GET_COMMIT",
    "GET_CONTENT",
    "GET_PULL",
    "INSTALLATION_TOKEN",
    "LIST_COMMENTS",
    "LIST_FILES",
    "LIST_INSTALLATIONS",
    "LIST_PULLS",
    "LIST_REVIEWS",
    "REMOVE_LABEL",
    "REMOVE_REVIEWERS",
    "REQUEST_REVIEWERS",
    "SET_LABELS",
    "SUBSCRIBED_EVENTS",
    "required_permissions",
]

ENDPOINTS: tuple[Route, ...] = (
    LIST_FILES,
    LIST_PULLS,
    GET_PULL,
    LIST_REVIEWS,
    LIST_COMMENTS,
    GET_CONTENT,
    GET_COMMIT,
    ADD_LABELS,
    SET_LABELS,
    REMOVE_LABEL,
    REQUEST_REVIEWERS,
    REMOVE_REVIEWERS,
    CREATE_COMMENT,
    INSTALLATION_TOKEN,
    LIST_INSTALLATIONS,
)

# Events the App subscribes to; installation events are always sent to an App.
SUBSCRIBED_EVENTS: tuple[str, ...] = (
    "issue_comment",
    "issues",
    "pull_request",
    "pull_request_review",
)


def required_permissions() -> dict[str, str]:
    """The least permissions that cover every endpoint, plus metadata (always granted)."""
    return _least(ENDPOINTS)
