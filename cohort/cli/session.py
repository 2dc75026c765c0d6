"""What plan and apply share: load the cohort, build desired state, connect to GitHub."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from cohort.config.load import LoadedCohort, load_cohort
from cohort.github.connect import Connection, connect
from cohort.reconcile.model import DesiredState


@dataclass
class Session:
    loaded: LoadedCohort
    desired: DesiredState
    connection: Connection


def open_session(
    cohort_file: Path,
    *,
    token: str | None,
    api_url: str | None,
    sandbox: bool,
    sandbox_state: Path | None,
) -> Session:
    """Validate, render scaffolds and connect: everything before the first request."""
    from cohort.scaffolds import desired_state

    loaded = load_cohort(cohort_file)
    desired = desired_state(loaded)
    connection = connect(
        loaded.cohort,
        token=token,
        api_url=api_url,
        sandbox=sandbox or sandbox_state is not None,
        state_file=sandbox_state,
    )
    return Session(loaded, desired, connection)


def color_wanted() -> bool:
    return sys.stdout.isatty()
