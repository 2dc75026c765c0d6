"""``cohort update-templates``: propose template changes to team repositories as pull requests."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cohort.cli.options import GitHubOptions, cohort_argument, format_option, github_options
from cohort.errors import ExitCode


@click.command("update-templates")
@cohort_argument
@github_options
@click.option(
    "--team",
    "teams",
    multiple=True,
    metavar="SLUG",
    help="Only this team (repeat for several). Default: every team.",
)
@click.option("--confirm", is_flag=True, help="Open the pull requests (without: only show them).")
@format_option(["text", "json"])
def update_templates_command(
    cohort_file: Path,
    github: GitHubOptions,
    teams: tuple[str, ...],
    confirm: bool,
    output_format: str,
) -> int:
    """Propose each team's template changes as a pull request in its repository.

    Every file is merged three ways: the version cohort last committed (recorded in
    .cohort/template.json), the team's current file, and the new rendering. Files only the
    template changed are updated; changes on different lines are merged; a file the team
    and the template both changed on the same lines is left as the team has it, with the
    template's version beside it under .cohort/proposed/. A team's edits are never
    overwritten, and the team decides by merging or closing the pull request.

    Without --confirm nothing is written. Re-running reuses open pull requests.

    Example: cohort update-templates cohort.yml --team aurora --confirm
    """
    from cohort.cli.session import connect_to
    from cohort.errors import UsageError
    from cohort.loading import load_cohort
    from cohort.scaffolds import render_team
    from cohort.template_updates import run_template_update

    loaded = load_cohort(cohort_file)
    slugs = [t.slug for t in loaded.cohort.teams]
    unknown = [t for t in teams if t not in slugs]
    if unknown:
        raise UsageError(
            f"no team {', '.join(unknown)} in {cohort_file}; teams: {', '.join(slugs)}"
        )
    rendered = {slug: render_team(loaded, slug) for slug in (teams or slugs)}
    connection = connect_to(loaded.cohort, github, write=confirm)
    try:
        results = run_template_update(connection.client, loaded.cohort, rendered, confirm=confirm)
    finally:
        connection.close()
    if output_format == "json":
        click.echo(json.dumps([r.as_json() for r in results], indent=2))
        return int(ExitCode.OK)
    for result in results:
        line = f"{result.team}: {result.status}"
        if result.update and result.status not in ("up to date",):
            u = result.update
            line += (
                f" ({u.template} {u.from_version or '?'} → {u.to_version}: "
                f"{len(u.changes)} change(s), {len(u.conflicts)} conflict(s))"
            )
        if result.url:
            line += f" {result.url}"
        click.echo(line)
        for conflict in result.update.conflicts if result.update else ():
            click.echo(f"  ! {conflict.path}: {conflict.reason}")
    if not confirm and any(r.status == "would propose" for r in results):
        click.echo("Nothing was written; add --confirm to open the pull requests.")
    return int(ExitCode.OK)
