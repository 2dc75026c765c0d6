"""``cohort sandbox serve``: the GitHub sandbox on 127.0.0.1 for people and scripts."""

from __future__ import annotations

from pathlib import Path

import click


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
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Seed the organization and people of this cohort.",
)
def serve_command(port: int, state_file: Path | None, cohort_file: Path | None) -> None:
    """Serve the sandbox on 127.0.0.1 and print its URL and a token as JSON.

    Point cohort at it with: cohort plan --api-url URL --token TOKEN cohort.yml
    """
    from cohort.sandbox.asgi import serve

    if cohort_file is not None and (state_file is None or not state_file.exists()):
        state_file = _seed_state(cohort_file, state_file)
    serve("127.0.0.1", port, state_file, None)


def _seed_state(cohort_file: Path, state_file: Path | None) -> Path:
    """Write a seeded state file for the cohort's organization and people."""
    import tempfile

    from cohort.clock import SystemClock
    from cohort.github.connect import seed_sandbox
    from cohort.loading import load_cohort
    from cohort.sandbox import Sandbox

    loaded = load_cohort(cohort_file)
    box = Sandbox(clock=SystemClock())
    seed_sandbox(box, loaded.cohort)
    target = state_file or Path(tempfile.mkdtemp()) / "sandbox.json"
    box.save(target)
    return target
