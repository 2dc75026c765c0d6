"""``cohort induction``: open induction issues, show who is done, propose the cohort.yml change."""

from __future__ import annotations

from pathlib import Path

import click

from cohort.cli.options import GitHubOptions, cohort_argument, github_options
from cohort.errors import ExitCode


@click.command("induction")
@click.argument("action", type=click.Choice(["status", "open", "propose"]))
@cohort_argument
@github_options
@click.option(
    "--propose-as",
    "mode",
    type=click.Choice(["patch", "pr", "commit"]),
    default="patch",
    show_default=True,
    envvar="COHORT_INDUCTION_PROPOSE",
    show_envvar=True,
    help="How to propose the change: print a patch, open a pull request, or commit.",
)
@click.option(
    "--cohort-path",
    default="cohort.yml",
    show_default=True,
    help="Path of cohort.yml inside the organizer repo.",
)
def induction_command(
    action: str,
    cohort_file: Path,
    github: GitHubOptions,
    mode: str,
    cohort_path: str,
) -> int:
    """Mentor induction, tracked as one issue per mentor in the organizer repo.

    status: who is done and who is pending. open: create missing induction issues.
    propose: for closed issues with every box ticked, propose induction: completed.
    """
    from cohort.cli.session import open_connection
    from cohort.github.induction_io import open_inductions, propose, read_inductions
    from cohort.mentoring.induction import render_status, status_rows, to_propose

    writes = action == "open" or (action == "propose" and mode != "patch")
    cohort, connection = open_connection(
        cohort_file,
        github,
        write=writes,
    )
    client = connection.client
    if action == "open":
        made = open_inductions(client, cohort)
        click.echo(f"opened {len(made)} induction issue(s)" + "".join(f" #{n}" for n in made))
    rows = status_rows(cohort, read_inductions(client, cohort))
    if action == "propose":
        ready = to_propose(rows)
        done = propose(client, cohort, ready, mode, cohort_path) if ready else None  # type: ignore[arg-type]
        if done is None:
            click.echo("nothing to propose: no finished induction is missing from cohort.yml")
        else:
            click.echo(done.diff, nl=False)
            click.echo(f"proposed as {done.mode}" + (f": {done.url}" if done.url else ""))
    else:
        click.echo(render_status(rows), nl=False)
    connection.close()
    return int(ExitCode.OK)
