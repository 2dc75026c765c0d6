"""``cohort validate``: check cohort.yml and report every problem at once."""

from __future__ import annotations

from pathlib import Path

import click

from cohort.cli.options import cohort_argument, format_option
from cohort.cli.report import (
    annotation_lines,
    in_actions,
    problems_json,
    problems_markdown,
    problems_text,
    warnings_text,
    write_step_summary,
)
from cohort.errors import ExitCode, InvalidInput, Problem


@click.command("validate")
@cohort_argument
@format_option(("text", "json", "markdown"))
def validate_command(cohort_file: Path, output_format: str) -> int:
    """Check COHORT_FILE and report every problem with file:line:column and a hint.

    Under GitHub Actions, problems also become annotations on the PR diff and a table in
    the step summary. Exit code 0 when valid, 3 when not.
    """
    from cohort.loading import load_cohort

    warnings: tuple[Problem, ...] = ()
    try:
        loaded = load_cohort(cohort_file)
        problems = []
        warnings = loaded.warnings
        c = loaded.cohort
        counts = (
            (c.teams, "team"),
            (c.mentors, "mentor"),
            (c.mentees, "mentee"),
            (c.projects, "project"),
        )
        summary = f"{cohort_file}: valid — " + ", ".join(
            f"{len(items)} {noun}{'' if len(items) == 1 else 's'}" for items, noun in counts
        )
    except InvalidInput as exc:
        problems = exc.problems
        summary = problems_text(problems)
    if in_actions():
        write_step_summary(problems_markdown(str(cohort_file), problems, warnings))
        if problems:
            click.echo(annotation_lines(problems))
        if warnings:
            click.echo(annotation_lines(warnings, "warning"))
    if output_format == "json":
        click.echo(problems_json(str(cohort_file), problems, warnings))
    elif output_format == "markdown":
        click.echo(problems_markdown(str(cohort_file), problems, warnings))
    else:
        click.echo(summary, err=bool(problems))
        if warnings:
            click.echo(warnings_text(warnings))
    return int(ExitCode.INVALID if problems else ExitCode.OK)
