"""``cohort init``: bootstrap an organizer repository, or a private sign-up repository."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cohort.errors import ExitCode, UsageError

NEXT_STEPS = {
    "repo": (
        "Next: read README.md (register the GitHub App, set the secrets and the environment),\n"
        "edit cohort.yml (replace the example team), then check it and rehearse it with no token:\n"
        "  cohort validate {cohort}\n"
        "  cohort demo {cohort}"
    ),
    "forms": (
        "Next: push this folder to a PRIVATE repository and collect sign-ups; then\n"
        "  gh issue list -R ORG/SIGNUPS --label mentee-signup --json number,body > mentees.json\n"
        "  cohort match cohort.yml --mentees mentees.json --mentors mentors.json"
    ),
}


@click.command("init")
@click.argument("target", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--name", default="Mentorship Program", show_default=True, help="Program name.")
@click.option("--cohort", "slug", default="first-cohort", show_default=True, help="Cohort slug.")
@click.option("--organization", default="my-org", show_default=True, help="GitHub organization.")
@click.option("--organizer", default="your-handle", show_default=True, help="Your GitHub login.")
@click.option(
    "--only",
    type=click.Choice(["repo", "forms", "cohort"]),
    default="repo",
    show_default=True,
    help="repo: cohort.yml, workflows, CODEOWNERS and README for the organizer repository; "
    "forms: the sign-up issue forms, for a PRIVATE repository; cohort: only cohort.yml.",
)
@click.option(
    "--action-ref",
    default=None,
    envvar="COHORT_ACTION_REF",
    show_envvar=True,
    help="OWNER/REPO@<40-hex SHA> of the cohort action the workflows use "
    "(default: the commit this release was built from; required for an unreleased build).",
)
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init_command(
    target: Path,
    name: str,
    slug: str,
    organization: str,
    organizer: str,
    only: str,
    action_ref: str | None,
    force: bool,
) -> int:
    """Write a working organizer repository (or the sign-up forms) into TARGET.

    The organizer repository gets a commented cohort.yml that validates, the plan-on-PR,
    apply-on-merge and weekly workflows, CODEOWNERS that protects cohort.yml, and a README
    that walks you through registering the GitHub App. Sign-up forms collect availability
    and time zones, so they belong in a separate, private repository: --only forms.
    """
    files = _files(target, name, slug, organization, organizer, only, action_ref)
    existing = [str(path) for path in files if path.exists()]
    if existing and not force:
        raise UsageError(f"{', '.join(existing)} already exist(s); pass --force to overwrite")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {path}")
    step = "forms" if only == "forms" else "repo"
    click.echo(NEXT_STEPS[step].format(cohort=target / "cohort.yml"))
    return int(ExitCode.OK)


def _files(
    target: Path,
    name: str,
    slug: str,
    organization: str,
    organizer: str,
    only: str,
    action_ref: str | None,
) -> dict[Path, str]:
    from cohort.init_files import (
        check_action_ref,
        default_action_ref,
        init_files,
        package_version,
    )
    from cohort.matching.forms import issue_form
    from cohort.matching.starter import next_monday, starter_cohort

    if only == "forms":
        forms = target / ".github" / "ISSUE_TEMPLATE"
        return {
            forms / "mentee-signup.yml": issue_form("mentee"),
            forms / "mentor-signup.yml": issue_form("mentor"),
        }
    cohort = starter_cohort(name, slug, organization, organizer, next_monday(dt.date.today()))
    files = {target / "cohort.yml": cohort}
    if only == "repo":
        ref = check_action_ref(action_ref) if action_ref else default_action_ref()
        bootstrap = init_files(package_version(), ref, organizers=organizer)
        files |= {target / path: text for path, text in bootstrap.items()}
    return files
