"""``cohort comment``: the one plan comment on a PR, and the plan reviewed on a merged PR."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cohort.cli.options import GitHubOptions, cohort_argument, github_options
from cohort.errors import ExitCode, UsageError
from cohort.workflow.plan_comment import DEFAULT_AUTHOR

_author = click.option(
    "--author",
    default=DEFAULT_AUTHOR,
    envvar="COHORT_COMMENT_AUTHOR",
    show_default=True,
    show_envvar=True,
    help="Only plan comments by this login are trusted and updated.",
)
_repo = click.option(
    "--repo",
    envvar="GITHUB_REPOSITORY",
    show_envvar=True,
    default=None,
    help="owner/name of the organizer repository.",
)


@click.group("comment")
def comment_command() -> None:
    """Post the plan on a pull request, or read the plan reviewed on a merged one."""


@comment_command.command("post")
@cohort_argument
@github_options
@click.option(
    "--markdown",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="COHORT_PLAN_MARKDOWN",
    show_envvar=True,
    default=None,
    help="The plan as markdown (plan --format markdown); default: plan now.",
)
@click.option(
    "--plan-json",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="COHORT_PLAN_JSON",
    show_envvar=True,
    default=None,
    help="The same plan as JSON (plan --out); needed with --markdown.",
)
@_repo
@click.option("--pr", "number", type=int, default=None, help="PR number (default: the event's).")
@_author
def post(
    cohort_file: Path,
    github: GitHubOptions,
    markdown: Path | None,
    plan_json: Path | None,
    repo: str | None,
    number: int | None,
    author: str,
) -> int:
    """Create the PR's plan comment, or update it in place (at most one write).

    The comment is written with --token (the workflow's GITHUB_TOKEN); the organization is
    read with the App (--app-id) when the plan is computed here.
    """
    from cohort.cli.session import plan_signing_key
    from cohort.config.api_url import choose_api_url
    from cohort.github.client import Client
    from cohort.github.pr_comment import upsert_plan_comment
    from cohort.workflow.env import append_summary, pull_request_ref, read_event
    from cohort.workflow.plan_comment import compose

    ref = pull_request_ref(read_event(), repo or "")
    repository = repo or (ref.repository if ref else None)
    number = number or (ref.number if ref else None)
    token = github.token
    if not repository or not number or not token:
        raise UsageError("comment post needs --repo, --pr (or a pull_request event) and --token")
    if markdown is not None and plan_json is not None:
        text, keys = _from_files(markdown, plan_json)
    else:
        text, keys = _plan_now(cohort_file, github)
    key = plan_signing_key(github)
    head = ref.head_sha if ref else ""
    body = compose(text, keys, head, repository=repository, number=number, key=key)
    if key is None:
        click.echo(
            "warning: no App key or COHORT_PLAN_SIGNING_KEY: the plan comment is unsigned, "
            "so apply will refuse its destructive changes",
            err=True,
        )
    client = Client(token, api_url=choose_api_url(github.api_url, None))
    posted = upsert_plan_comment(client, repository, number, body, author=author)
    click.echo(f"plan comment {posted.action}: {posted.url or posted.comment_id}")
    append_summary(f"Plan comment {posted.action} on #{number}: {posted.url}")
    return int(ExitCode.OK)


def _from_files(markdown: Path, plan_json: Path) -> tuple[str, list[str]]:
    text = markdown.read_text(encoding="utf-8")
    try:
        plan = json.loads(plan_json.read_text(encoding="utf-8"))
        digest, keys = str(plan["digest"]), [str(k) for k in plan["destructive"]]
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{plan_json}: not a plan written by `cohort plan --out`") from None
    if f"digest={digest} " not in text:
        raise UsageError(f"{markdown} and {plan_json} are not the same plan")
    return text, keys


def _plan_now(cohort_file: Path, github: GitHubOptions) -> tuple[str, list[str]]:
    from cohort.cli.session import open_session
    from cohort.github.apply import plan_cohort
    from cohort.reconcile.render import render_markdown

    session = open_session(cohort_file, github)
    plan = plan_cohort(session.connection.client, session.desired)
    session.connection.close()
    return render_markdown(plan), [c.key() for c in plan.destructive()]


@comment_command.command("reviewed")
@_repo
@click.option("--sha", default=None, help="The pushed commit (default: the push event's).")
@click.option(
    "--token",
    envvar="GITHUB_TOKEN",
    show_envvar=True,
    default=None,
    help="A token that can read the repository's pull requests.",
)
@click.option("--api-url", envvar="GITHUB_API_URL", show_envvar=True, default=None)
@_author
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Write the reviewed plan here, for apply --reviewed-plan.",
)
def reviewed(
    repo: str | None,
    sha: str | None,
    token: str | None,
    api_url: str | None,
    author: str,
    out: Path,
) -> int:
    """Write the plan reviewed on the merged PR that produced the pushed commit.

    When there is none (a direct push, a missing or foreign comment), the file reviews
    nothing, so apply refuses every destructive change and applies the rest.
    """
    from cohort.cli.options import GitHubOptions
    from cohort.cli.session import plan_signing_key
    from cohort.config.api_url import choose_api_url
    from cohort.github.client import Client
    from cohort.github.pr_comment import reviewed_plan_for_commit
    from cohort.workflow.env import append_summary, pushed_commit, read_event
    from cohort.workflow.plan_comment import NOTHING_REVIEWED

    sha = sha or pushed_commit(read_event())
    if not repo or not sha or not token:
        raise UsageError("comment reviewed needs --repo, --sha (or a push event) and --token")
    key = plan_signing_key(GitHubOptions())
    if key is None:
        raise UsageError(
            "comment reviewed verifies the plan comment's signature: it needs the App key "
            "(COHORT_APP_PRIVATE_KEY) or COHORT_PLAN_SIGNING_KEY"
        )
    client = Client(token, api_url=choose_api_url(api_url, None))
    found, where = reviewed_plan_for_commit(client, repo, sha, key=key, author=author)
    plan = found or NOTHING_REVIEWED
    out.write_text(json.dumps(plan.as_json(), indent=2) + "\n", encoding="utf-8")
    note = where if found else f"{where}: destructive changes will be refused"
    click.echo(note)
    append_summary(f"Reviewed plan: {note}")
    return int(ExitCode.OK)
