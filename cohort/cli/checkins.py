"""``cohort checkins``: this week's check-in issue in every team repository."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cohort.cli.options import GitHubOptions, cohort_argument, github_options
from cohort.errors import ExitCode, UsageError


@click.command("checkins")
@cohort_argument
@github_options
@click.option(
    "--week",
    default=None,
    metavar="N|YYYY-Www",
    envvar="COHORT_CHECKIN_WEEK",
    show_envvar=True,
    help="Cohort week number (3) or ISO week (2027-W07) (default: the current week).",
)
@click.option(
    "--meetings",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    envvar="COHORT_MEETINGS_FILE",
    show_envvar=True,
    help="Private YAML file 'meetings: {team: slot}'; only the slot is copied.",
)
def checkins_command(
    cohort_file: Path,
    github: GitHubOptions,
    week: str | None,
    meetings: Path | None,
) -> int:
    """Create (or update) one check-in issue per team for the week; close last week's.

    Safe to run again: the issue is found by a hidden marker, so a team never gets two.
    """
    from cohort.cli.session import open_connection
    from cohort.github.checkins_io import run_checkins
    from cohort.mentoring.meetings import parse_slots
    from cohort.reconcile.calendar import cohort_week
    from cohort.summary.week import cohort_week_of, resolve_week, week_of

    cohort, connection = open_connection(
        cohort_file,
        github,
        write=True,
    )
    today = dt.datetime.fromtimestamp(connection.client.clock.wall(), dt.UTC).date()
    chosen = (
        cohort_week_of(cohort.calendar, resolve_week(week, cohort.calendar))
        if week
        else cohort_week(cohort.calendar, today)
    )
    if not 1 <= chosen <= cohort.calendar.weeks:
        if week is None:  # the weekly schedule before the start or after the end: nothing to do
            click.echo(
                f"no check-ins: {today.isoformat()} is week {chosen}, outside the cohort "
                f"(1 to {cohort.calendar.weeks})"
            )
            connection.close()
            return int(ExitCode.OK)
        raise UsageError(f"week {chosen} is outside the cohort (1 to {cohort.calendar.weeks})")
    iso = week_of(cohort.calendar.start + dt.timedelta(weeks=chosen - 1))
    named = f"cohort week {chosen} ({iso.label})"
    slots: dict[str, str] = {}
    if meetings is not None:
        teams = [t.slug for t in cohort.teams]
        slots = parse_slots(meetings.read_text(encoding="utf-8"), str(meetings), teams)
    for done in run_checkins(connection.client, cohort, chosen, slots):
        closed = f"; closed #{done.previous}" if done.closed_previous else ""
        click.echo(f"{done.team}: {named} check-in #{done.number} {done.action}{closed}")
    connection.close()
    return int(ExitCode.OK)
