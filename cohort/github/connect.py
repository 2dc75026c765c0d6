"""Open a client for a real organization (token) or for an in-process sandbox rehearsal."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cohort.clock import SimulatedClock
from cohort.config.api_url import choose_api_url
from cohort.config.model import CohortFile
from cohort.errors import UsageError
from cohort.github.client import Client
from cohort.github.pacing import Pacing, pacing_for

if TYPE_CHECKING:
    from cohort.sandbox import Sandbox


@dataclass
class Connection:
    client: Client
    sandbox: Sandbox | None = None
    state_file: Path | None = None

    def close(self) -> None:
        if self.sandbox is not None and self.state_file is not None:
            self.sandbox.save(self.state_file)


@dataclass(frozen=True)
class AppCredentials:
    app_id: int
    private_key: str

    def __repr__(self) -> str:  # never show the key
        return f"AppCredentials(app_id={self.app_id})"


def connect(
    cohort: CohortFile,
    *,
    token: str | None,
    api_url: str | None,
    sandbox: bool,
    state_file: Path | None = None,
    app: AppCredentials | None = None,
    write: bool = False,
) -> Connection:
    """A client for the cohort's organization; the sandbox needs no token and no network.

    With App credentials the token is an installation token narrowed to read-only
    permissions for plans, and to what apply needs when ``write`` is set.
    """
    if sandbox:
        return _sandbox(cohort, state_file)
    if app is not None:
        from cohort.github.app_auth import app_client

        url = _api_url(cohort, api_url)
        org = cohort.program.organization
        return Connection(
            app_client(
                app.app_id,
                app.private_key,
                org,
                api_url=url,
                write=write,
                pacing=pacing_for(url, _interval()),
            )
        )
    token = token or os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    if not token:
        raise UsageError(
            "no GitHub token: set GITHUB_TOKEN (or --token), or rehearse with --sandbox"
        )
    url = _api_url(cohort, api_url)
    return Connection(Client(token, api_url=url, pacing=pacing_for(url, _interval())))


def _api_url(cohort: CohortFile, operator: str | None) -> str:
    """The operator's API root (flag, GITHUB_API_URL or default); cohort.yml only hints."""
    return choose_api_url(operator, cohort.program.api_url)  # ApiUrlError is a UsageError


def _sandbox(cohort: CohortFile, state_file: Path | None) -> Connection:
    from cohort.sandbox import Sandbox, SandboxTransport

    clock = SimulatedClock()
    if state_file is not None and state_file.exists():
        box = Sandbox.load(state_file)
        clock = box.clock if isinstance(box.clock, SimulatedClock) else clock
    else:
        box = Sandbox(clock=clock)
        seed_sandbox(box, cohort)
    owner = cohort.organizers[0]
    client = Client(
        box.issue_token(owner),
        transport=SandboxTransport(box),
        clock=box.clock,
        pacing=Pacing(min_interval=1.0),
    )
    return Connection(client, box, state_file)


def seed_sandbox(box: Sandbox, cohort: CohortFile) -> None:
    """Users for every person, the organization with organizers as owners and mentors as members."""
    people = set(cohort.organizers)
    people |= {m.handle for m in cohort.mentors} | {m.handle for m in cohort.mentees}
    for login in sorted(people):
        box.add_user(login)
    box.add_org(
        cohort.program.organization,
        owners=list(cohort.organizers),
        members=[m.handle for m in cohort.mentors],
    )


def _interval() -> str | None:
    return os.environ.get("COHORT_WRITE_INTERVAL")
