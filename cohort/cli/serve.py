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
    help="SQLite path or sqlite:///path (one instance), or postgresql://… (several).",
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
@click.option(
    "--max-connections",
    type=click.IntRange(8, 100_000),
    default=256,
    show_default=True,
    envvar="COHORT_MAX_CONNECTIONS",
    show_envvar=True,
    help="Open connections per instance; past it the slowest is closed.",
)
@click.option(
    "--body-timeout",
    type=click.FloatRange(0.5, 300),
    default=10.0,
    show_default=True,
    envvar="COHORT_BODY_TIMEOUT",
    show_envvar=True,
    help="Seconds to receive a request (408 or closed after).",
)
@click.option(
    "--lease",
    type=click.FloatRange(5, 86400),
    default=300.0,
    show_default=True,
    envvar="COHORT_LEASE",
    show_envvar=True,
    help="Seconds a claim lasts; then another instance takes the delivery.",
)
@click.option(
    "--give-up-after",
    type=click.FloatRange(1, 30 * 86400),
    default=6 * 3600.0,
    show_default=True,
    envvar="COHORT_GIVE_UP_AFTER",
    show_envvar=True,
    help="Seconds after arrival when retries stop and the delivery is failed.",
)
@click.option(
    "--retention-days",
    type=click.FloatRange(0.01, 3650),
    default=7.0,
    show_default=True,
    envvar="COHORT_RETENTION_DAYS",
    show_envvar=True,
    help="Days before finished deliveries and failed bodies are pruned.",
)
@click.option(
    "--log-format",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    envvar="COHORT_LOG_FORMAT",
    show_envvar=True,
)
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
    max_connections: int,
    body_timeout: float,
    lease: float,
    give_up_after: float,
    retention_days: float,
    log_format: str,
) -> None:
    """Run the webhook server: verify, dedupe, queue (202), then label and request reviews."""
    from cohort.app.assemble import ServeOptions, build_server
    from cohort.app.clients import AppClients
    from cohort.app.installations import warn_about_selected_repositories
    from cohort.app.logs import configure
    from cohort.app.running import Intake, serve_forever

    configure(log_format)

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
        lease=lease,
        give_up_after=give_up_after,
        retention=retention_days * 86400,
        body_timeout=body_timeout,
    )
    app, opened = build_server(options)
    warn_about_selected_repositories(
        AppClients(options.app_id, options.private_key, options.api_url)
    )
    click.echo(f"cohort serve: listening on http://{host}:{port}/webhook", err=True)
    try:
        intake = Intake(max_connections=max_connections, read_timeout=body_timeout)
        serve_forever(app, port, host, intake)
    finally:
        opened.close()
