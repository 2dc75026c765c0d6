"""``cohort reroute``: re-request reviews that waited too long (run daily on a schedule)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cohort.cli.options import GitHubOptions, cohort_argument, github_options
from cohort.errors import ExitCode


@click.command("reroute")
@cohort_argument
@github_options
@click.option("--confirm", is_flag=True, help="Make the changes (otherwise only print them).")
def reroute_command(cohort_file: Path, github: GitHubOptions, confirm: bool) -> int:
    """Ask another available mentor when the requested one has not reviewed for
    policy.reviews.reroute_after_working_days working days; tell the organizers once when
    nobody else can be asked. Reads the open PRs of every team repository, and 3 more per PR
    that waits on a mentor.
    """
    from cohort.app.reactions import Comment, RemoveReviewers, RequestReview
    from cohort.app.sweep import sweep
    from cohort.cli.session import open_connection

    cohort, connection = open_connection(cohort_file, github, write=confirm)
    now = dt.datetime.fromtimestamp(connection.client.clock.wall(), dt.UTC)
    result = sweep(connection.client, cohort, now, write=confirm)
    connection.close()
    for change in result.changes:
        if isinstance(change, RequestReview):
            click.echo(f"{change.repo}#{change.number}: ask {', '.join(change.reviewers)}")
        elif isinstance(change, RemoveReviewers):
            click.echo(f"{change.repo}#{change.number}: withdraw {', '.join(change.reviewers)}")
        elif isinstance(change, Comment):
            click.echo(f"{change.repo}#{change.number}: comment to {_mentions(change.body)}")
    done = f"{result.writes} write(s)" if confirm else "dry run: add --confirm to make them"
    click.echo(f"{result.examined} waiting PR(s) examined, {len(result.changes)} change(s); {done}")
    return int(ExitCode.OK)


def _mentions(body: str) -> str:
    """Who a comment speaks to (its first @-names)."""
    words = [w.rstrip(":,") for w in body.split() if w.startswith("@")]
    return " ".join(dict.fromkeys(words)) or "nobody"
