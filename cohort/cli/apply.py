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
from cohort.errors import UnsafePlanError, UsageError
from cohort.usecases import ApplyOutcome, run_apply
from cohort.workflow.plan_comment import DEFAULT_AUTHOR, ReviewedPlan, from_json

if TYPE_CHECKING:
    from cohort.github.apply import ApplyReport
    from cohort.github.ports import RestPort
    from cohort.github.transport import Counters


@click.command("apply")
@cohort_argument
@format_option(("text", "json"))
@github_options
@safety_options
@click.option("--confirm", is_flag=True, help="Really write. Without it, apply only plans.")
@click.option(
    "--create-organizer-repo",
    is_flag=True,
    help="Create program.organizer_repo (private) when it is missing (with --confirm).",
)
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
    help="A reviewed plan file written by `comment reviewed --out`; its signature is checked.",
)
@click.option(
    "--reviewed-commit",
    default=None,
    envvar="COHORT_REVIEWED_COMMIT",
    show_envvar=True,
    help="Read the plan reviewed on the merged PR of this commit through the API, and check "
    "its signature; destructive changes not in it are refused.",
)
@click.option(
    "--reviewed-push",
    is_flag=True,
    help="Like --reviewed-commit, for the commit of this push (the push event, or GITHUB_SHA).",
)
@click.option(
    "--repo",
    envvar="GITHUB_REPOSITORY",
    show_envvar=True,
    default=None,
    help="owner/name of the organizer repository (with --reviewed-commit).",
)
@click.option(
    "--comment-author",
    default=DEFAULT_AUTHOR,
    envvar="COHORT_COMMENT_AUTHOR",
    show_default=True,
    show_envvar=True,
    help="Only plan comments by this login count (with --reviewed-commit).",
)
def apply_command(
    cohort_file: Path,
    output_format: str,
    github: GitHubOptions,
    allow_removals: bool,
    allow_archive: bool,
    allow_publish: bool,
    confirm: bool,
    create_organizer_repo: bool,
    checksum: str | None,
    reviewed_plan: Path | None,
    reviewed_commit: str | None,
    reviewed_push: bool,
    repo: str | None,
    comment_author: str,
) -> ApplyOutcome:
    """Apply COHORT_FILE to its organization.

    Without --confirm this is exactly `cohort plan`. With it, writes go one at a time,
    paced as GitHub asks; a write whose outcome is unknown is re-read, never resent, and a
    killed run is finished by running apply again.
    """
    from cohort.cli.progress import progress_printer
    from cohort.cli.session import open_session, plan_signing_key
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
    digest: str | None
    destructive: frozenset[str] | None
    if reviewed_push:
        from cohort.workflow.env import pushed_commit, read_event

        reviewed_commit = reviewed_commit or pushed_commit(read_event())
        if not reviewed_commit:
            raise UsageError("--reviewed-push needs a push event or GITHUB_SHA")
    if reviewed_commit is not None:
        if reviewed_plan is not None:
            raise UsageError("use --reviewed-commit or --reviewed-plan, not both")
        reviewed = _reviewed_on_pr(client, github, repo, reviewed_commit, comment_author)
        digest, destructive = reviewed.digest, frozenset(reviewed.destructive)
    else:
        digest, destructive = _reviewed(checksum, reviewed_plan, plan_signing_key(github))
    from cohort.github.organizer_repo import require_app_access

    if create_organizer_repo:
        from cohort.github.organizer_repo import create_organizer_repo as create

        if create(client, session.loaded.cohort):
            click.echo("created the organizer repository (private)")
    else:
        require_app_access(client, session.loaded.cohort)  # before any write
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
        "queued_invitations": len(report.queued),
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
    for note in report.notes:
        click.echo(f"note: {note}")
    if report.queued and report.quota_frees is not None:
        click.echo(
            f"queued: {len(report.queued)} invitations over GitHub's 24-hour invitation limit; "
            f"it frees from {report.quota_frees:%Y-%m-%d %H:%M} UTC, when the next run "
            "(the daily scheduled workflow) sends them"
        )


def _reviewed(
    checksum: str | None, reviewed_plan: Path | None, key: bytes | None
) -> tuple[str | None, frozenset[str] | None]:
    """The digest and destructive keys to hold the plan to; a file counts only when signed."""
    if reviewed_plan is None:
        return checksum, None
    try:
        plan = from_json(json.loads(reviewed_plan.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{reviewed_plan}: not a plan written by `comment reviewed`") from None
    if key is None:
        raise UsageError(
            f"{reviewed_plan}: a reviewed plan is checked by its signature, which needs the "
            "App key (--app-key-file, COHORT_APP_PRIVATE_KEY) or COHORT_PLAN_SIGNING_KEY"
        )
    if not plan.verified(key):
        raise UnsafePlanError(
            [
                f"{reviewed_plan} is not signed by this cohort's plan workflow (its own digest "
                "proves nothing: anyone can recompute it); refusing. Use --reviewed-commit, "
                "or run `comment reviewed` again"
            ]
        )
    if checksum and checksum != plan.digest:
        raise UsageError("--checksum and --reviewed-plan disagree")
    return plan.digest, frozenset(plan.destructive)


def _reviewed_on_pr(
    client: RestPort, github: GitHubOptions, repo: str | None, sha: str, author: str
) -> ReviewedPlan:
    """The signed plan comment of the merged PR of ``sha``, read now; or nothing reviewed."""
    from cohort.cli.session import plan_signing_key
    from cohort.github.pr_comment import reviewed_plan_for_commit
    from cohort.workflow.plan_comment import NOTHING_REVIEWED

    if not repo:
        raise UsageError("--reviewed-commit needs --repo owner/name (or GITHUB_REPOSITORY)")
    key = plan_signing_key(github)
    if key is None:
        raise UsageError(
            "--reviewed-commit checks the plan comment's signature: it needs the App key "
            "(--app-key-file, COHORT_APP_PRIVATE_KEY) or COHORT_PLAN_SIGNING_KEY"
        )
    found, where = reviewed_plan_for_commit(client, repo, sha, key=key, author=author)
    click.echo(where if found else f"{where}: destructive changes will be refused")
    return found or NOTHING_REVIEWED
