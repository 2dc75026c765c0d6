"""The GitHub routes the App calls (a subset of ``cohort.github.routes``): the manifest's source."""

from __future__ import annotations

from cohort.github.routes import (
    ADD_LABELS,
    CREATE_COMMENT,
    GET_CONTENT,
    INSTALLATION_TOKEN,
    LIST_FILES,
    LIST_PULLS,
    REQUEST_REVIEWERS,
    SET_LABELS,
    Route,
)
from cohort.github.routes import required_permissions as _least

__all__ = [
    "ADD_LABELS",
    "CREATE_COMMENT",
    "ENDPOINTS",
    "GET_CONTENT",
    "INSTALLATION_TOKEN",
    "LIST_FILES",
    "LIST_PULLS",
    "REQUEST_REVIEWERS",
    "SET_LABELS",
    "SUBSCRIBED_EVENTS",
    "required_permissions",
]

ENDPOINTS: tuple[Route, ...] = (
    LIST_FILES,
    LIST_PULLS,
    GET_CONTENT,
    ADD_LABELS,
    SET_LABELS,
    REQUEST_REVIEWERS,
    CREATE_COMMENT,
    INSTALLATION_TOKEN,
)

# Events the App subscribes to; installation events are always sent to an App.
SUBSCRIBED_EVENTS: tuple[str, ...] = ("issue_comment", "pull_request", "pull_request_review")


def required_permissions() -> dict[str, str]:
    """The least permissions that cover every endpoint, plus metadata (always granted)."""
    return _least(ENDPOINTS)
