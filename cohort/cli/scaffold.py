"""``cohort scaffold``: render one team's repository into a folder for preview."""

from __future__ import annotations

from pathlib import Path

import click

from cohort.cli.options import cohort_argument


@click.command("scaffold")
@click.argument("team")
@cohort_argument
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write the repository into.",
)
@click.option("--overwrite", is_flag=True, help="Write into a folder that is not empty.")
def scaffold_command(team: str, cohort_file: Path, out_dir: Path, overwrite: bool) -> None:
    """Render TEAM's repository from COHORT_FILE into --out, exactly as apply would commit it.

    Example: cohort scaffold aurora examples/cohort.yml --out /tmp/aurora
    """
    from cohort.errors import UsageError
    from cohort.loading import load_cohort
    from cohort.scaffolds import render_team
    from cohort.templates import write_project

    loaded = load_cohort(cohort_file)
    slugs = [t.slug for t in loaded.cohort.teams]
    if team not in slugs:
        raise UsageError(f"no team '{team}' in {cohort_file}; teams: {', '.join(slugs)}")
    project = render_team(loaded, team)
    written = write_project(project, out_dir, overwrite=overwrite)
    issues = len(project.issues)
    click.echo(
        f"wrote {len(written)} files to {out_dir} ({project.template} "
        f"{project.version}); {issues} milestone issues would be opened"
    )
