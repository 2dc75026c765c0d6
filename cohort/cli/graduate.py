"""``cohort graduate``: portfolio pages and the cohort report; archiving only with the flag."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import click

from cohort.cli.options import GitHubOptions, cohort_argument, github_options
from cohort.usecases import Graduation, run_archive, run_graduate


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
def graduate_command(
    cohort_file: Path,
    github: GitHubOptions,
    out: Path,
    web_url: str,
    archive: bool,
    allow_archive: bool,
) -> Graduation:
    """Write a portfolio page per mentee (markdown and HTML) and the cohort report.

    With --archive, archive every team repository once the cohort is over and
    policy.archive_at_end is set; it is refused unless --allow-archive is given.
    """
    from cohort.cli.session import open_session
    from cohort.mentoring.render_portfolio import portfolio_html, portfolio_markdown

    session = open_session(cohort_file, github, write=archive)
    cohort, client = session.loaded.cohort, session.connection.client
    now = dt.datetime.fromtimestamp(client.clock.wall(), dt.UTC)
    done = run_graduate(client, cohort, now=now, web_url=web_url)
    (out / "portfolio").mkdir(parents=True, exist_ok=True)
    for page in done.pages:
        (out / "portfolio" / f"{page.handle}.md").write_text(portfolio_markdown(page), "utf-8")
        (out / "portfolio" / f"{page.handle}.html").write_text(portfolio_html(page), "utf-8")
    (out / "report.md").write_text(done.report, "utf-8")
    click.echo(f"wrote {len(done.pages)} portfolio pages and report.md to {out}")
    if archive:
        report = run_archive(client, cohort, session.desired, now=now, allow_archive=allow_archive)
        if report is None:
            click.echo("nothing to archive: the cohort is not over or policy.archive_at_end is off")
        else:
            click.echo(f"archived: {len(report.applied)} change(s) applied")
            done = replace(done, archive=report)
    session.connection.close()
    return done
