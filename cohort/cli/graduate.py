"""``cohort graduate``: portfolio pages and the cohort report; archiving only with the flag."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cohort.cli.options import GitHubOptions, cohort_argument, github_options
from cohort.errors import ExitCode

if TYPE_CHECKING:
    from cohort.cli.session import Session

ARCHIVE_ONLY = ("archive",)  # graduation archives; other drift is left to `cohort apply`


@click.command("graduate")
@cohort_argument
@github_options
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("graduation"),
    show_default=True,
    help="Folder for portfolio pages and the report.",
)
@click.option(
    "--web-url",
    default="https://github.com",
    show_default=True,
    help="Web address of GitHub (for links in the pages).",
)
@click.option(
    "--archive", is_flag=True, help="Also archive team repos (needs the cohort to be over)."
)
@click.option("--allow-archive", is_flag=True, help="Allow archiving (never deletes).")
def command(
    cohort_file: Path,
    github: GitHubOptions,
    out: Path,
    web_url: str,
    archive: bool,
    allow_archive: bool,
) -> int:
    """Write a portfolio page per mentee (markdown and HTML) and the cohort report.

    With --archive, archive every team repository once the cohort is over and
    policy.archive_at_end is set; it is refused unless --allow-archive is given.
    """
    from cohort.cli.session import open_session
    from cohort.github.graduation_io import read_team_facts
    from cohort.github.read_activity import read_activity
    from cohort.mentoring.portfolio import portfolios
    from cohort.mentoring.render_portfolio import portfolio_html, portfolio_markdown
    from cohort.mentoring.report import cohort_report

    session = open_session(
        cohort_file,
        github,
        write=archive,
    )
    cohort, client = session.loaded.cohort, session.connection.client
    now = dt.datetime.fromtimestamp(client.clock.wall(), dt.UTC)
    start = dt.datetime.combine(cohort.calendar.start, dt.time(), dt.UTC)
    activity = read_activity(client, cohort, start, now=now)
    facts = read_team_facts(client, cohort)
    pages = portfolios(cohort, activity, facts, web_url.rstrip("/"))
    (out / "portfolio").mkdir(parents=True, exist_ok=True)
    for page in pages:
        (out / "portfolio" / f"{page.handle}.md").write_text(portfolio_markdown(page), "utf-8")
        (out / "portfolio" / f"{page.handle}.html").write_text(portfolio_html(page), "utf-8")
    (out / "report.md").write_text(cohort_report(cohort, activity, facts, pages), "utf-8")
    click.echo(f"wrote {len(pages)} portfolio pages and report.md to {out}")
    if archive:
        _archive(session, now.date(), allow_archive)
    session.connection.close()
    return int(ExitCode.OK)


def _archive(session: Session, today: dt.date, allow_archive: bool) -> None:
    """Show the archive plan (archiving only, never other drift), then apply just that."""
    from cohort.github.apply import apply_cohort, plan_cohort
    from cohort.mentoring.archive import archived_desired
    from cohort.reconcile.render import render_text
    from cohort.reconcile.safety import Allowances

    cohort, client = session.loaded.cohort, session.connection.client
    wanted = archived_desired(session.desired, cohort, today)
    if wanted is session.desired:
        click.echo("nothing to archive: the cohort is not over or policy.archive_at_end is off")
        return
    plan = plan_cohort(client, wanted, only=ARCHIVE_ONLY)
    click.echo(render_text(plan), nl=False)
    if plan.empty:
        return
    report = apply_cohort(
        client, wanted, allow=Allowances(archive=allow_archive), only=ARCHIVE_ONLY
    )
    click.echo(f"archived: {len(report.applied)} change(s) applied")
