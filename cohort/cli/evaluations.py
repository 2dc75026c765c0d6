"""``cohort evaluations``: forms, a tracking issue per open round, and one reminder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cohort.cli.options import GitHubOptions, cohort_argument, github_options
from cohort.errors import ExitCode


@click.command("evaluations")
@cohort_argument
@github_options
@click.option(
    "--repo",
    default=None,
    envvar="COHORT_EVALUATIONS_REPO",
    show_envvar=True,
    help="Private repository for the forms (default: program.organizer_repo).",
)
@click.option(
    "--web-url",
    default="https://github.com",
    show_default=True,
    help="Web address of GitHub (for links in the tracking issue).",
)
def evaluations_command(
    cohort_file: Path,
    github: GitHubOptions,
    repo: str | None,
    web_url: str,
) -> int:
    """Open the midpoint and final evaluations on their dates and track who answered."""
    from cohort.cli.session import open_connection
    from cohort.github.evaluations_io import run_evaluations
    from cohort.github.induction_io import organizer_repo

    cohort, connection = open_connection(
        cohort_file,
        github,
        write=True,
    )
    where = f"{cohort.program.organization}/{repo}" if repo else organizer_repo(cohort)
    today = dt.datetime.fromtimestamp(connection.client.clock.wall(), dt.UTC).date()
    written, rounds = run_evaluations(connection.client, cohort, where, today, web_url)
    for path in written:
        click.echo(f"wrote {where}:{path}")
    for r in rounds:
        extra = "; reminder posted" if r.reminded else ""
        click.echo(
            f"{r.kind}: #{r.number} {r.action}, {r.answered} of {r.expected} answered{extra}"
        )
    if not rounds:
        click.echo("no evaluation is open yet")
    connection.close()
    return int(ExitCode.OK)
