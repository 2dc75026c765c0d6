"""GitHub error answers become typed errors with status, method and path (no message text)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from cohort.clock import SimulatedClock
from cohort.errors import (
    ConflictError,
    ForbiddenError,
    GitHubError,
    MissingPermissionError,
    NotFoundError,
    UnprocessableError,
)
from cohort.github.client import Client


def answering(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Client:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=json.dumps(body).encode(), headers=headers)

    return Client("t", transport=httpx.MockTransport(handler), clock=SimulatedClock())


def refusal(client: Client, method: str = "GET", path: str = "/repos/o/r") -> GitHubError:
    with pytest.raises(GitHubError) as info:
        client.rest(method, path)
    return info.value


def test_404_is_not_found_with_where_it_happened() -> None:
    error = refusal(answering(404, {"message": "Not Found"}))
    assert type(error) is NotFoundError
    assert (error.status, error.method, error.path) == (404, "GET", "/repos/o/r")


def test_403_with_accepted_permissions_is_a_missing_permission() -> None:
    client = answering(
        403, {"message": "Forbidden"}, {"x-accepted-github-permissions": "members=write"}
    )
    error = refusal(client, "PUT", "/orgs/o/teams/t/memberships/u")
    assert type(error) is MissingPermissionError
    assert error.accepted == "members=write"


def test_403_resource_not_accessible_is_a_missing_permission() -> None:
    error = refusal(answering(403, {"message": "Resource not accessible by integration"}))
    assert type(error) is MissingPermissionError


def test_other_403_is_forbidden() -> None:
    error = refusal(answering(403, {"message": "Must have admin rights to Repository."}))
    assert type(error) is ForbiddenError
    assert error.status == 403


def test_409_is_a_conflict() -> None:
    assert type(refusal(answering(409, {"message": "Git Repository is empty."}))) is ConflictError


def test_422_carries_githubs_error_codes() -> None:
    body = {
        "message": "Validation Failed",
        "errors": [{"resource": "Label", "code": "already_exists", "field": "name"}],
    }
    error = refusal(answering(422, body), "POST", "/repos/o/r/labels")
    assert isinstance(error, UnprocessableError)
    assert error.codes == ("already_exists",)
    assert error.already_exists


def test_422_without_codes_is_not_already_exists() -> None:
    error = refusal(answering(422, {"message": "Reference already exists"}), "POST", "/x")
    assert isinstance(error, UnprocessableError)
    assert (error.codes, error.already_exists) == ((), False)


def test_other_statuses_are_plain_github_errors() -> None:
    error = refusal(answering(401, {"message": "Bad credentials"}))
    assert type(error) is GitHubError
    assert error.status == 401
