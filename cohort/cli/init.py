"""``cohort init``: add the sign-up issue forms and a starter cohort.yml to a folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cohort.errors import ExitCode, UsageError


@click.command("init")
@click.argument("target", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--name", default="Mentorship Program", show_default=True, help="Program name.")
@click.option("--cohort", "slug", default="first-cohort", show_default=True, help="Cohort slug.")
@click.option("--organization", default="my-org", show_default=True, help="GitHub organization.")
@click.option("--organizer", default="your-handle", show_default=True, help="Your GitHub login.")
@click.option(
    "--only",
    type=click.Choice(["all", "forms", "cohort"]),
    default="all",
    show_default=True,
    help="forms: only the issue forms (for a private sign-up repository); cohort: only cohort.yml.",
)
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def command(
    target: Path, name: str, slug: str, organization: str, organizer: str, only: str, force: bool
) -> int:
    """Write the mentee and mentor sign-up issue forms and a starter cohort.yml into TARGET.

    Keep the issue forms in a PRIVATE repository: sign-ups hold availability, time zones
    and self-declared groups. cohort.yml can live in the public organizer repository.
    """
    from cohort.matching.forms import issue_form
    from cohort.matching.starter import next_monday, starter_cohort

    forms = target / ".github" / "ISSUE_TEMPLATE"
    files = {
        forms / "mentee-signup.yml": issue_form("mentee"),
        forms / "mentor-signup.yml": issue_form("mentor"),
        target / "cohort.yml": starter_cohort(
            name, slug, organization, organizer, next_monday(dt.date.today())
        ),
    }
    if only != "all":
        files = {p: t for p, t in files.items() if (p.name == "cohort.yml") == (only == "cohort")}
    existing = [str(path) for path in files if path.exists()]
    if existing and not force:
        raise UsageError(f"{', '.join(existing)} already exist(s); pass --force to overwrite")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {path}")
    click.echo(
        "Next: keep the issue forms in a private repository; collect sign-ups; then\n"
        "  gh issue list -R ORG/SIGNUPS --label mentee-signup --json number,body > mentees.json\n"
        "  cohort match cohort.yml --mentees mentees.json --mentors mentors.json"
    )
    return int(ExitCode.OK)
