"""cohort serve's start-up check: installations on selected repositories are named in the log."""

from __future__ import annotations

import logging

import httpx
import pytest

from cohort.app.clients import AppClients
from cohort.app.installations import (
    Limited,
    limited_installations,
    warn_about_selected_repositories,
)
from cohort.clock import SimulatedClock
from cohort.sandbox import Sandbox, SandboxTransport
from tests.app.e2e import keys

PERMISSIONS = {"issues": "write", "pull_requests": "write", "metadata": "read"}


def _clients(repositories: list[str] | None) -> tuple[AppClients, int]:
    """The App's clients on a sandbox where it is installed on ``repositories`` (None: all)."""
    clock = SimulatedClock()
    box = Sandbox(clock=clock)
    box.add_org("acme", owners=["olga"])
    installation = box.register_app(
        7,
        "cohort-mentors",
        keys()[1],
        org="acme",
        permissions=PERMISSIONS,
        repositories=repositories,
    )
    return AppClients(7, keys()[0], transport=SandboxTransport(box), clock=clock), installation


def test_an_installation_on_selected_repositories_is_named_with_its_settings() -> None:
    clients, installation = _clients(["cohort-admin"])
    (found,) = limited_installations(clients.for_app())
    assert found == Limited(
        "acme", f"https://github.com/organizations/acme/settings/installations/{installation}"
    )
    assert limited_installations(_clients(None)[0].for_app()) == ()


def test_serve_logs_one_warning_per_limited_installation(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="cohort.app"):
        assert warn_about_selected_repositories(_clients(["cohort-admin"])[0]) == 1
    (record,) = caplog.records
    assert record.getMessage().startswith(
        "the App's installation on acme reaches only selected repositories: team repositories "
        "that apply creates later send it no events"
    )


def test_an_unreachable_api_is_a_warning_not_a_failure(caplog: pytest.LogCaptureFixture) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    clients = AppClients(7, keys()[0], transport=httpx.MockTransport(refuse))
    with caplog.at_level(logging.WARNING, logger="cohort.app"):
        assert warn_about_selected_repositories(clients) == 0
    assert "could not list the App's installations" in caplog.text


def test_the_warning_says_where_to_change_it() -> None:
    text = Limited(
        "acme", "https://github.com/organizations/acme/settings/installations/9"
    ).warning()
    assert text.endswith(
        "choose All repositories in https://github.com/organizations/acme/settings/installations/9"
    )
