"""The narrow ports I/O modules depend on: the calls they make, not the whole client.

Only the composition roots (the CLI session, the App's assembly, the action, and the client
factories they use) import the concrete :class:`cohort.github.client.Client`; everything else
takes one of these protocols, so a unit test passes a small fake or a client over
``httpx.MockTransport`` (tests/github/test_ports.py checks the rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from cohort.github.routes import Route


@dataclass(frozen=True)
class InstallationAccess:
    """Which repositories an App installation's tokens reach, and where an owner changes it."""

    repository_selection: str  # "all" | "selected" (GitHub's installation field)
    settings_url: str  # the installation's settings page (Repository access)


@dataclass
class GraphQLResult:
    data: dict[str, Any]
    errors: list[dict[str, Any]]

    def error_types(self) -> set[str]:
        return {str(e.get("type", "")) for e in self.errors}


class RestPort(Protocol):
    """Declared REST routes (``call``), and ``rest`` for paging a route's filled-in URL."""

    def rest(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any: ...

    def call(
        self,
        route: Route,
        *,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        **where: str | int,
    ) -> Any: ...


class GraphQLPort(Protocol):
    """GraphQL documents: partial data and errors both come back."""

    def graphql(self, document: str, variables: dict[str, Any] | None = None) -> GraphQLResult: ...


class GitHubPort(RestPort, GraphQLPort, Protocol):
    """Both: reading the organization's state and applying a plan."""
