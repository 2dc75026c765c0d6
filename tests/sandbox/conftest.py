"""Fixtures: a seeded sandbox that checks requests and responses, and clients that use it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from githubkit import GitHub, Response

from cohort.sandbox import Sandbox, SandboxTransport


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    """Org ``acme`` (owner olga; members mia, max) and an outside user otto."""
    sandbox = Sandbox(check_responses=True)
    sandbox.add_org("acme", owners=["olga"], members=["mia", "max"])
    sandbox.add_user("otto", name="Otto Outside")
    yield sandbox
    sandbox.assert_clean()


@pytest.fixture
def token(sb: Sandbox) -> str:
    return sb.issue_token("olga")


@pytest.fixture
def gh(sb: Sandbox, token: str) -> GitHub[Any]:
    return github(sb, token)


def items(response: Response[Any, Any]) -> list[Any]:
    """The parsed body of a list endpoint.

    githubkit's generated clients define a method named ``list``, which mypy takes for the
    ``list`` in their ``list[Model]`` return types, so ``parsed_data`` there looks non-iterable.
    """
    data: list[Any] = response.parsed_data
    return data


def github(sb: Sandbox, token: str) -> GitHub[Any]:
    return GitHub(
        token,
        base_url="https://api.github.com",
        transport=SandboxTransport(sb),
        auto_retry=False,
        http_cache=False,
    )


@pytest.fixture
def http(sb: Sandbox, token: str) -> Iterator[httpx.Client]:
    with httpx.Client(
        transport=SandboxTransport(sb),
        base_url="https://api.github.com",
        headers={"Authorization": f"token {token}"},
    ) as client:
        yield client


@pytest.fixture
def repo(gh: GitHub[Any]) -> str:
    """A repository acme/proj created with auto_init, GitHub's default labels deleted."""
    gh.rest.repos.create_in_org("acme", name="proj", auto_init=True, description="demo")
    for label in items(gh.rest.issues.list_labels_for_repo("acme", "proj")):
        gh.rest.issues.delete_label("acme", "proj", label.name)
    return "proj"
