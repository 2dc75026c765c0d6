"""``cohort demo``: validate, plan, apply and re-plan a cohort on the built-in sandbox."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cohort.cli.options import GitHubOptions
from cohort.errors import ExitCode

if TYPE_CHECKING:
    from cohort.sandbox.log import LoggedRequest


@click.command("demo")
@click.argument(
    "cohort_file",
    type=click.Path(path_type=Path, dir_okay=False),
    required=False,
    default=None,
    envvar="COHORT_FILE",
)
@click.option(
    "--sandbox-state",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Keep the rehearsal organization in this JSON file afterwards.",
)
def demo_command(cohort_file: Path | None, sandbox_state: Path | None) -> int:
    """Rehearse COHORT_FILE end to end on the built-in GitHub sandbox.

    No token and no network: validates the file, shows the plan, applies it to an
    in-process sandbox organization (every request checked against GitHub's published API
    description), then plans again to show that a second run changes nothing. With no
    COHORT_FILE it rehearses the realistic example cohort that ships with cohort.
    """
    if cohort_file is None:
        from cohort.project import bundled_example

        cohort_file = bundled_example()
        click.echo(f"No cohort file given: rehearsing the bundled example {cohort_file}.\n")
    from cohort.cli.session import open_session
    from cohort.github.apply import apply_cohort, plan_cohort
    from cohort.reconcile.render import render_text
    from cohort.reconcile.safety import Allowances

    session = open_session(cohort_file, GitHubOptions(sandbox=True, sandbox_state=sandbox_state))
    cohort = session.loaded.cohort
    client = session.connection.client
    click.echo(
        f"✓ {cohort_file} is valid: {len(cohort.teams)} teams, {len(cohort.mentors)} "
        f"mentors, {len(cohort.mentees)} mentees.\n"
    )
    plan = plan_cohort(client, session.desired)
    click.echo(render_text(plan), nl=False)
    box = session.connection.sandbox
    start = len(box.log) if box is not None else 0
    before = client.counters.writes
    report = apply_cohort(client, session.desired, allow=Allowances())
    modelled = _modelled(box.log[start:]) if box is not None else "n/a"
    click.echo(
        f"\n✓ applied {len(report.applied)} changes with {client.counters.writes - before}"
        f" write requests ({client.counters.mutations} mutations, "
        f"{client.counters.content_created} content-creating); modelled time at GitHub's "
        f"pace: {modelled}."
    )
    again = plan_cohort(client, session.desired)
    errors = list(box.contract_errors) if box is not None else []
    lines = closing(again.empty, [str(e) for e in errors], len(box.log) if box else None)
    click.echo("\n".join(lines))
    session.connection.close()
    return int(ExitCode.OK if again.empty and not errors else ExitCode.RUNTIME)


def closing(replan_empty: bool, contract_errors: list[str], requests: int | None) -> list[str]:
    """The demo's last lines: ✓ only for what succeeded, ✗ for what did not."""
    lines = [
        "✓ second plan: no changes."
        if replan_empty
        else "✗ second plan: NOT EMPTY (the organization does not match the cohort yet)."
    ]
    if requests is not None and not contract_errors:
        lines.append(f"✓ {requests} requests, every one valid against GitHub's API description.")
    elif requests is not None:
        lines.append(
            f"✗ {len(contract_errors)} of {requests} requests did not match GitHub's API "
            f"description; first: {contract_errors[0]}"
        )
    return lines


def _modelled(log: Sequence[LoggedRequest]) -> str:
    """The shared model (cohort.github.modelled) over what the sandbox saw."""
    from cohort.github.modelled import Step, modelled_seconds

    return f"{modelled_seconds(Step(r.kind == 'write', r.content_created) for r in log):,} s"
