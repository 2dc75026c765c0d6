"""``cohort apply``: make GitHub match cohort.yml; only a plan unless --confirm."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cohort.cli.options import (
    GitHubOptions,
    cohort_argument,
    format_option,
    github_options,
    safety_options,
)
from cohort.errors import UsageError
from cohort.usecases import ApplyOutcome, run_apply

if TYPE_CHECKING:
    from cohort.github.apply import ApplyReport
    from cohort.github.transport import Counters


@click.command("apply")
@cohort_argument
@format_option(("text", "json"))
@github_options
@safety_options
@click.option("--confirm", is_flag=True, help="Really write. Without it, apply only plans.")
@click.option(
    "--checksum",
    default=None,
    envvar="COHORT_PLAN_DIGEST",
    show_envvar=True,
    help="Digest of the reviewed plan; new destructive changes are refused.",
)
@click.option(
    "--reviewed-plan",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="The reviewed plan as JSON (plan --out); implies --checksum.",
)
def apply_command(
    cohort_file: Path,
    output_format: str,
    github: GitHubOptions,
    allow_removals: bool,
    allow_archive: bool,
    allow_publish: bool,
    confirm: bool,
    checksum: str | None,
    reviewed_plan: Path | None,
) -> ApplyOutcome:
    """Apply COHORT_FILE to its organization.

    Without --confirm this is exactly `cohort plan`. With it, writes go one at a time,
    paced as GitHub asks; a write whose outcome is unknown is re-read, never resent, and a
    killed run is finished by running apply again.
    """
    from cohort.cli.progress import progress_printer
    from cohort.cli.session import open_session
    from cohort.reconcile.render import render_json, render_text
    from cohort.reconcile.safety import Allowances

    session = open_session(cohort_file, github, write=confirm)
    policy = session.loaded.cohort.policy
    allow = Allowances(allow_removals, allow_archive, allow_publish, policy.removal_limit)
    client = session.connection.client
    if not confirm:
        planned = run_apply(client, session.desired, allow=allow, confirm=False)
        plan = planned.plan
        text = render_json(plan) if output_format == "json" else render_text(plan)
        click.echo(text, nl=False)
        if not plan.empty and output_format == "text":
            click.echo("This was a plan. Re-run with --confirm to apply it.")
        return planned
    digest, destructive = _reviewed(checksum, reviewed_plan)
    with progress_printer(enabled=output_format == "text") as progress:
        outcome = run_apply(
            client,
            session.desired,
            allow=allow,
            confirm=True,
            reviewed_digest=digest,
            reviewed_destructive=destructive,
            progress=progress,
        )
    session.connection.close()
    assert outcome.report is not None
    _show(outcome.report, client.counters, output_format)
    return outcome


def _show(report: ApplyReport, counters: Counters, output_format: str) -> None:
    """The results of an apply: JSON for scripts, or a line (and recoveries) for people."""
    summary = {
        "applied": len(report.applied),
        "rounds": report.rounds,
        "recovered": report.recovered,
        "requests": counters.requests,
        "reads": counters.reads,
        "writes": counters.writes,
        "mutations": counters.mutations,
        "content_created": counters.content_created,
    }
    if output_format == "json":
        click.echo(json.dumps(summary, indent=2))
        return
    click.echo(
        f"Applied {len(report.applied)} changes with {counters.writes} write requests "
        f"and {counters.reads} reads."
    )
    for reason in report.recovered:
        click.echo(f"recovered: {reason}")


def _reviewed(
    checksum: str | None, reviewed_plan: Path | None
) -> tuple[str | None, frozenset[str] | None]:
    if reviewed_plan is None:
        return checksum, None
    try:
        body = json.loads(reviewed_plan.read_text(encoding="utf-8"))
        digest, destructive = str(body["digest"]), frozenset(map(str, body["destructive"]))
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{reviewed_plan}: not a plan written by `cohort plan --out`") from None
    if checksum and checksum != digest:
        raise UsageError("--checksum and --reviewed-plan disagree")
    return digest, destructive
