"""``cohort serve``: the GitHub App webhook server (glue: options in, library call)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import click

from cohort.cli.options import cohort_source_options
from cohort.errors import UsageError


def app_private_key(key_file: Path | None, environ: Mapping[str, str]) -> str:
    """The PEM from --app-key-file, else from COHORT_APP_PRIVATE_KEY (e.g. a secret store)."""
    if key_file is not None:
        return key_file.read_text(encoding="utf-8")
    pem = environ.get("COHORT_APP_PRIVATE_KEY", "").strip()
    if not pem:
        raise UsageError(
            "cohort serve needs the App's private key: --app-key-file (COHORT_APP_KEY_FILE) "
            "or the PEM itself in COHORT_APP_PRIVATE_KEY"
        )
    if "PRIVATE KEY-----" not in pem:
        raise UsageError("COHORT_APP_PRIVATE_KEY does not hold a PEM private key")
    return pem + "\n"


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="COHORT_HOST",
    show_envvar=True,
    help="Listen address; put a TLS proxy in front.",
)
@click.option(
    "--port", type=int, default=8080, show_default=True, envvar="COHORT_PORT", show_envvar=True
)
@click.option(
    "--webhook-secret",
    envvar="COHORT_WEBHOOK_SECRET",
    show_envvar=True,
    required=True,
    help="The App's webhook secret.",
)
@click.option("--app-id", type=int, envvar="COHORT_APP_ID", show_envvar=True, required=True)
@click.option(
    "--app-key-file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="COHORT_APP_KEY_FILE",
    show_envvar=True,
    default=None,
    help="The App's private key (PEM); or put the PEM itself in COHORT_APP_PRIVATE_KEY.",
)
@click.option(
    "--app-slug",
    default="cohort-mentors",
    show_default=True,
    envvar="COHORT_APP_SLUG",
    show_envvar=True,
    help="Its events are ignored (the bot is <slug>[bot]).",
)
@click.option(
    "--store",
    default="cohort-app.db",
    show_default=True,
    envvar="COHORT_STORE",
    show_envvar=True,
    help="SQLite path or sqlite:///path (see docs for shared).",
)
@click.option(
    "--api-url",
    default="https://api.github.com",
    show_default=True,
    envvar="GITHUB_API_URL",
    show_envvar=True,
)
@cohort_source_options
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True)
def serve_command(
    host: str,
    port: int,
    webhook_secret: str,
    app_id: int,
    app_key_file: Path | None,
    app_slug: str,
    store: str,
    api_url: str,
    cohort_file: Path | None,
    organizer_repo: str,
    workers: int,
) -> None:
    """Run the webhook server: verify, dedupe, queue (202), then label and request reviews."""
    from cohort.app.assemble import ServeOptions, build_server
    from cohort.app.running import serve_forever

    options = ServeOptions(
        webhook_secret,
        app_id,
        app_private_key(app_key_file, os.environ),
        app_slug,
        store,
        api_url,
        cohort_file,
        organizer_repo,
        workers,
    )
    app, opened = build_server(options)
    click.echo(f"cohort serve: listening on http://{host}:{port}/webhook", err=True)
    try:
        serve_forever(app, port, host)
    finally:
        opened.close()
