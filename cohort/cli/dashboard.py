"""``cohort dashboard``: write a static, self-contained HTML dashboard of the cohort."""

from __future__ import annotations

from pathlib import Path

import click

from cohort.cli.options import GitHubOptions, cohort_argument, github_options
from cohort.errors import ExitCode, UsageError


@click.command("dashboard")
@cohort_argument
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write index.html into (e.g. for GitHub Pages).",
)
@click.option(
    "--weeks",
    type=click.IntRange(min=1),
    default=None,
    help="Show only the last N weeks (default: every week so far).",
)
@click.option(
    "--week",
    default=None,
    metavar="YYYY-Www|N",
    envvar="COHORT_WEEK",
    show_envvar=True,
    help="ISO week (2027-W07) or cohort week number (3): the dashboard as of its end "
    "(default: now).",
)
@github_options
def dashboard_command(
    cohort_file: Path,
    out_dir: Path,
    weeks: int | None,
    week: str | None,
    github: GitHubOptions,
) -> int:
    """Write OUT/index.html: progress per team over the weeks, milestone burn-up, review latency.

    One file with inline CSS, SVG and a little JavaScript: no CDN, works offline and on
    GitHub Pages. Reads with about one GraphQL query per 25 team repositories.
    """
    from cohort.cli.session import open_connection
    from cohort.cli.summary import read_snapshot
    from cohort.dashboard import history, render_dashboard
    from cohort.dashboard.invites import pending_invites
    from cohort.github.read_activity import pending_invitations
    from cohort.summary import summarize
    from cohort.summary.week import describe_week, local_day, resolve_week, week_of

    cohort, connection = open_connection(
        cohort_file,
        github,
        write=False,
    )
    chosen = resolve_week(week, cohort.calendar) if week else None
    activity = read_snapshot(cohort, connection, cohort.calendar.start)
    raw = pending_invitations(connection.client, cohort.program.organization)
    connection.close()
    now = activity.fetched_at
    zone = cohort.calendar.timezone
    chosen = chosen or week_of(local_day(now, zone))
    start, end = chosen.window(zone)
    if now < start:
        raise UsageError(f"--week {chosen.label} has not started yet (now: {now:%Y-%m-%d})")
    summary = summarize(activity, cohort, chosen, now)
    away = frozenset(m.handle.lower() for m in cohort.mentors if m.away)
    if raw is None:
        click.echo("pending invitations not shown: reading them needs members: read", err=True)
    invites = pending_invites(raw or [], cohort, min(now, end)) if summary.live else ()
    page = render_dashboard(
        history(activity, cohort, last=weeks, until=end), summary, away, invites
    )
    click.echo(f"week: {describe_week(chosen, cohort.calendar)}", err=True)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "index.html").write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {out_dir / 'index.html'}: {exc.strerror}") from None
    click.echo(f"wrote {out_dir / 'index.html'} ({len(cohort.teams)} teams)", err=True)
    return int(ExitCode.OK)
