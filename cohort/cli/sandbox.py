"""``cohort sandbox serve``: the GitHub sandbox on 127.0.0.1 for people and scripts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from cohort.sandbox import Sandbox


@click.group("sandbox")
def sandbox_command() -> None:
    """The local GitHub sandbox: same REST and GraphQL, checked against GitHub's description."""


@sandbox_command.command("serve")
@click.option("--port", type=int, default=0, show_default=True, help="0 picks a free port.")
@click.option(
    "--state",
    "state_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Load from and save to this JSON file, to stop and resume.",
)
@click.option(
    "--cohort",
    "cohort_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Seed the organization and people of this cohort (unless --state already exists).",
)
@click.option(
    "--clock",
    default=None,
    metavar="ISO-TIME",
    help="Simulated time, e.g. 2027-02-01T09:00:00Z; advance it with POST /_sandbox/clock.",
)
@click.option(
    "--app-webhook-url",
    default=None,
    metavar="URL",
    help="Register and install cohort's GitHub App; deliver signed webhooks to URL.",
)
@click.option(
    "--faults",
    "faults_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help='Inject faults: JSON {"seed": 0, "faults": [{"kind": "5xx", "on_write": 3}]}.',
)
def serve_command(
    port: int,
    state_file: Path | None,
    cohort_file: Path | None,
    clock: str | None,
    app_webhook_url: str | None,
    faults_file: Path | None,
) -> None:
    """Serve the sandbox on 127.0.0.1 and print its URL, tokens and App as JSON.

    Point cohort at it with: cohort plan --api-url URL --token TOKEN cohort.yml
    """
    from cohort.app.endpoints import required_permissions
    from cohort.sandbox.asgi import SandboxApp, bind, run
    from cohort.sandbox.rehearsal import Rehearsal, RehearsalError, prepare

    options = Rehearsal(
        state_file=state_file,
        seed=_seeder(cohort_file) if cohort_file is not None else None,
        seed_name=str(cohort_file or ""),
        clock=clock,
        app_webhook_url=app_webhook_url,
        app_permissions=required_permissions(),
        faults_file=faults_file,
    )
    try:
        prepared = prepare(options)
    except RehearsalError as err:
        raise click.UsageError(str(err)) from err
    sock, url = bind("127.0.0.1", port)
    click.echo(json.dumps(prepared.announce(url)))
    app = SandboxApp(prepared.sandbox, state_file)
    if prepared.app is not None:
        app.deliver_webhooks()
    run(app, sock)


def _seeder(cohort_file: Path) -> Callable[[Sandbox], str]:
    """Seed a sandbox with the cohort's organization and people; says what it seeded."""

    def seed(box: Sandbox) -> str:
        from cohort.github.connect import seed_sandbox
        from cohort.loading import load_cohort

        loaded = load_cohort(cohort_file)
        seed_sandbox(box, loaded.cohort)
        people = sum(1 for u in box.state.users.values() if u.type == "User")
        org = loaded.cohort.program.organization
        return f"seeded organization {org} and {people} people from {cohort_file}"

    return seed
