"""``cohort plan``: show what apply would change; never writes."""

from __future__ import annotations

from pathlib import Path

import click

from cohort.cli.options import GitHubOptions, cohort_argument, format_option, github_options
from cohort.errors import ExitCode
from cohort.usecases import PlanOutcome, run_plan


@click.command("plan")
@cohort_argument
@format_option(("text", "markdown", "json"))
@github_options
@click.option(
    "--detailed-exitcode",
    is_flag=True,
    help="Exit 0 when there are no changes, 2 when there are (1 on error).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the plan as JSON here (apply --reviewed-plan reads it).",
)
def plan_command(
    cohort_file: Path,
    output_format: str,
    github: GitHubOptions,
    detailed_exitcode: bool,
    out: Path | None,
) -> PlanOutcome:
    """Read the organization and show the changes that make it match COHORT_FILE.

    Reads only (GET and GraphQL queries). --format markdown is the PR comment; it carries
    the plan digest in a hidden marker so apply can check it applies what was reviewed.
    """
    from cohort.cli.session import color_wanted, open_session
    from cohort.reconcile.render import render_json, render_markdown, render_text

    session = open_session(cohort_file, github)
    plan = run_plan(session.connection.client, session.desired)
    session.connection.close()
    if out is not None:
        out.write_text(render_json(plan), encoding="utf-8")
    if output_format == "json":
        click.echo(render_json(plan), nl=False)
    elif output_format == "markdown":
        click.echo(render_markdown(plan), nl=False)
    else:
        click.echo(render_text(plan, color=color_wanted()), nl=False)
    if detailed_exitcode and not plan.empty:
        return PlanOutcome(plan, int(ExitCode.CHANGES))
    return PlanOutcome(plan)
