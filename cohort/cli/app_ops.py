"""``cohort app deliveries|redeliver``: see and replay the App's stored webhook deliveries."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

import click

STATUS = click.Choice(["queued", "running", "done", "failed"])
store_option = click.option(
    "--store",
    default="cohort-app.db",
    show_default=True,
    envvar="COHORT_STORE",
    show_envvar=True,
    help="The store cohort serve uses: SQLite path or postgresql://…",
)


@click.group("app")
def app_ops_command() -> None:
    """Operate the GitHub App's delivery store (list, requeue, ask GitHub to redeliver)."""


@app_ops_command.command("deliveries")
@store_option
@click.option("--status", type=STATUS, default=None, help="Only this status (failed = dead).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def deliveries(store: str, status: str | None, limit: int, as_json: bool) -> None:
    """List deliveries, newest first: id, event, repository, status, attempts, age, error."""
    from cohort.app.assemble import open_store
    from cohort.app.operate import table

    opened = open_store(store)
    try:
        rows = opened.deliveries(status, limit)
    finally:
        opened.close()
    if as_json:
        for row in rows:
            click.echo(json.dumps(asdict(row)))
        return
    for line in table(rows):
        click.echo(line)
    click.echo(f"{len(rows)} deliver{'y' if len(rows) == 1 else 'ies'}", err=True)


@app_ops_command.command("redeliver")
@store_option
@click.argument("ids", nargs=-1, required=True)
@click.option("--app-id", type=int, envvar="COHORT_APP_ID", show_envvar=True, default=None)
@click.option(
    "--app-key-file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="COHORT_APP_KEY_FILE",
    show_envvar=True,
    default=None,
    help="With --app-id: ask GitHub to redeliver ids this store does not hold.",
)
@click.option(
    "--api-url",
    default="https://api.github.com",
    show_default=True,
    envvar="GITHUB_API_URL",
    show_envvar=True,
)
def redeliver(
    store: str, ids: tuple[str, ...], app_id: int | None, app_key_file: Path | None, api_url: str
) -> None:
    """Requeue deliveries by X-GitHub-Delivery id (a running server picks them up)."""
    from cohort.app.assemble import open_store
    from cohort.app.operate import GitHubRedelivery
    from cohort.app.operate import redeliver as run

    github = None
    if app_id is not None and app_key_file is not None:
        from cohort.app.clients import AppClients

        github = GitHubRedelivery(AppClients(app_id, app_key_file.read_text(), api_url).for_app())
    opened = open_store(store)
    try:
        report = run(opened, ids, time.time(), github)
    finally:
        opened.close()
    for line in report.lines():
        click.echo(line)
    if report.not_found:
        raise click.exceptions.Exit(1)
