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
@github_options
def dashboard_command(
    cohort_file: Path,
    out_dir: Path,
    weeks: int | None,
    github: GitHubOptions,
) -> int:
    """Write OUT/index.html: progress per team over the weeks, milestone burn-up, review latency.

    One file with inline CSS, SVG and a little JavaScript: no CDN, works offline and on
    GitHub Pages. Reads with about one GraphQL query per 25 team repositories.
    """
    from cohort.cli.session import open_connection
    from cohort.cli.summary import read_snapshot
    from cohort.dashboard import history, render_dashboard

    cohort, connection = open_connection(
        cohort_file,
        github,
        write=False,
    )
    activity = read_snapshot(cohort, connection, cohort.calendar.start)
    connection.close()
    page = render_dashboard(history(activity, cohort, last=weeks))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "index.html").write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {out_dir / 'index.html'}: {exc.strerror}") from None
    click.echo(f"wrote {out_dir / 'index.html'} ({len(cohort.teams)} teams)", err=True)
    return int(ExitCode.OK)
