"""``cohort demo``: validate, plan, apply and re-plan a cohort on the built-in sandbox."""

from __future__ import annotations

from pathlib import Path

import click

from cohort.cli.options import GitHubOptions
from cohort.errors import ExitCode


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
    start = client.clock.now()
    before = client.counters.writes
    report = apply_cohort(client, session.desired, allow=Allowances())
    modelled = client.clock.now() - start
    click.echo(
        f"\n✓ applied {len(report.applied)} changes with {client.counters.writes - before}"
        f" write requests ({client.counters.mutations} mutations, "
        f"{client.counters.content_created} content-creating); modelled time at GitHub's "
        f"pace: {modelled:.0f} s."
    )
    again = plan_cohort(client, session.desired)
    click.echo(f"✓ second plan: {'no changes' if again.empty else 'NOT EMPTY'}.")
    box = session.connection.sandbox
    if box is not None:
        box.assert_clean()
        click.echo(f"✓ {len(box.log)} requests, every one valid against GitHub's API description.")
    session.connection.close()
    return int(ExitCode.OK if again.empty else ExitCode.RUNTIME)
