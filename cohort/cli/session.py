"""What plan and apply share: load the cohort, build desired state, connect to GitHub."""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from cohort.cli.options import GitHubOptions
from cohort.cli.report import in_actions
from cohort.config.load import LoadedCohort
from cohort.config.model import CohortFile
from cohort.errors import UsageError
from cohort.github.connect import AppCredentials, Connection, connect
from cohort.loading import load_cohort
from cohort.reconcile.model import DesiredState


@dataclass
class Session:
    loaded: LoadedCohort
    desired: DesiredState
    connection: Connection


def open_session(cohort_file: Path, github: GitHubOptions, *, write: bool = False) -> Session:
    """Validate, connect, resolve every handle on GitHub and render scaffolds: all before writes."""
    from cohort.github.people_io import resolve_people
    from cohort.scaffolds import desired_state

    collect_less_often()
    loaded = load_cohort(cohort_file)
    connection = connect_to(loaded.cohort, github, write=write)
    loaded = resolve_people(connection.client, loaded)  # every handle known, before any write
    return Session(loaded, desired_state(loaded), connection)


YOUNG_OBJECTS = 50_000  # allocations between two collections of young objects (Python: 700)


def collect_less_often() -> None:
    """Plan and apply hold a large, long-lived desired state (about 300,000 objects at 2,000
    teams) that Python's default thresholds re-scan hundreds of times while it holds no
    garbage; collecting every 50,000 allocations cut the collector's share of a 2,000-team
    plan from 0.6 s to 0.1 s (benchmarks/plan_cpu.py). Only ever raises the thresholds."""
    young, middle, old = gc.get_threshold()
    if young < YOUNG_OBJECTS:
        gc.set_threshold(YOUNG_OBJECTS, max(middle, 20), max(old, 20))


def open_connection(
    cohort_file: Path, github: GitHubOptions, *, write: bool
) -> tuple[CohortFile, Connection]:
    """Load the cohort and connect, without rendering scaffolds (reports never need them)."""
    from cohort.github.people_io import resolve_people

    loaded = load_cohort(cohort_file)
    connection = connect_to(loaded.cohort, github, write=write)
    return resolve_people(connection.client, loaded).cohort, connection


def connect_to(cohort: CohortFile, github: GitHubOptions, *, write: bool) -> Connection:
    """Connect as the options say; under Actions, mask a minted installation token."""
    connection = connect(
        cohort,
        token=github.token,
        api_url=github.api_url,
        sandbox=github.sandbox or github.sandbox_state is not None,
        state_file=github.sandbox_state,
        app=app_credentials(github.app_id, github.app_key_file),
        write=write,
    )
    if github.app_id is not None and in_actions():
        for line in connection.client.mask_commands():  # a minted token is a new secret
            click.echo(line)
    return connection


def app_credentials(app_id: int | None, key_file: Path | None) -> AppCredentials | None:
    """App id and key from flags or the environment; None when no App is configured."""
    if app_id is None:
        return None
    if key_file is not None:
        try:
            key = key_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read the App key {key_file}: {exc.strerror}") from None
    else:
        key = os.environ.get("COHORT_APP_PRIVATE_KEY", "")
    if not key.strip():
        raise UsageError(
            "--app-id needs the App's private key: --app-key-file or COHORT_APP_PRIVATE_KEY"
        )
    return AppCredentials(app_id, key)


def plan_signing_key(github: GitHubOptions) -> bytes | None:
    """The key that signs and verifies reviewed plans: COHORT_PLAN_SIGNING_KEY, else derived
    from the App private key (--app-key-file or COHORT_APP_PRIVATE_KEY); None without either."""
    from cohort.workflow.plan_comment import signing_key

    pem = os.environ.get("COHORT_APP_PRIVATE_KEY")
    if github.app_key_file is not None:
        try:
            pem = github.app_key_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(
                f"cannot read the App key {github.app_key_file}: {exc.strerror}"
            ) from None
    return signing_key(os.environ.get("COHORT_PLAN_SIGNING_KEY"), pem)


def color_wanted() -> bool:
    return sys.stdout.isatty()
