"""``cohort summary``: read a week's activity, summarize it, print it, and post it if asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cohort.cli.options import GitHubOptions, cohort_argument, format_option, github_options
from cohort.errors import UsageError
from cohort.usecases import SummaryOutcome

if TYPE_CHECKING:
    from cohort.config.model import CohortFile
    from cohort.github.connect import Connection
    from cohort.github.post_summary import Posted
    from cohort.summary.activity import Activity


def read_snapshot(cohort: CohortFile, connection: Connection, since: dt.date) -> Activity:
    """Every team repository's activity since the start of ``since`` (program time zone)."""
    from dataclasses import replace
    from zoneinfo import ZoneInfo

    from cohort.github.read_activity import read_activity
    from cohort.summary.activity import latest_moment

    client = connection.client
    now = dt.datetime.fromtimestamp(client.clock.wall(), dt.UTC)
    start = dt.datetime.combine(since, dt.time(), ZoneInfo(cohort.calendar.timezone))
    activity = read_activity(client, cohort, start.astimezone(dt.UTC), now=now)
    latest = latest_moment(activity)  # a reloaded sandbox's clock restarts behind its state
    return replace(activity, fetched_at=latest) if latest and latest > now else activity


@click.command("summary")
@cohort_argument
@click.option(
    "--week",
    default=None,
    metavar="YYYY-Www|N",
    envvar="COHORT_WEEK",
    show_envvar=True,
    help="ISO week (2027-W07) or cohort week number (3) to summarize, as of its end "
    "(default: the current week, as of now).",
)
@format_option(("markdown", "json"))
@github_options
@click.option(
    "--post", is_flag=True, help="Create or update this week's issue in program.organizer_repo."
)
def summary_command(
    cohort_file: Path,
    week: str | None,
    output_format: str,
    github: GitHubOptions,
    post: bool,
) -> SummaryOutcome:
    """Summarize a week of every team: milestones, PRs, reviews, commits, who needs help.

    Reads with about one GraphQL query per 25 team repositories. --post writes at most
    two requests: this week's issue (created, or updated on a re-run) and closing last week's.
    """
    from cohort.cli.report import in_actions, write_step_summary
    from cohort.cli.session import open_connection
    from cohort.summary import render_json, render_markdown, summarize, week_of
    from cohort.summary.week import describe_week, local_day, resolve_week

    cohort, connection = open_connection(
        cohort_file,
        github,
        write=post,
    )
    zone = cohort.calendar.timezone
    clock = dt.datetime.fromtimestamp(connection.client.clock.wall(), dt.UTC)
    chosen = resolve_week(week, cohort.calendar) if week else None
    since = min(cohort.calendar.start, chosen.monday if chosen else clock.date())
    activity = read_snapshot(cohort, connection, since)
    now = activity.fetched_at
    chosen = chosen or week_of(local_day(now, zone))
    if now < chosen.window(zone)[0]:
        raise UsageError(f"--week {chosen.label} has not started yet (now: {now:%Y-%m-%d})")
    summary = summarize(activity, cohort, chosen, now)
    click.echo(f"week: {describe_week(chosen, cohort.calendar)}", err=True)
    markdown = render_markdown(summary)
    posted = (
        _post(cohort, connection, summary.week, summary.cohort_week, markdown) if post else None
    )
    connection.close()
    click.echo(render_json(summary) if output_format == "json" else markdown, nl=False)
    if in_actions():
        write_step_summary(markdown)
    return SummaryOutcome(posted)


def summary_title(cohort: CohortFile, week: str, cohort_week: int) -> str:
    """The title of a week's summary issue."""
    return f"{cohort.program.cohort}: weekly summary {week} (week {cohort_week})"


def _post(
    cohort: CohortFile, connection: Connection, week: str, cohort_week: int, markdown: str
) -> Posted:
    from cohort.github.post_summary import post_summary

    title = summary_title(cohort, week, cohort_week)
    posted = post_summary(connection.client, cohort, week, title, markdown)
    closed = f"; closed #{posted.previous}" if posted.closed_previous else ""
    click.echo(f"summary issue #{posted.number} {posted.action}{closed}: {posted.url}", err=True)
    return posted
