"""The token's permissions are checked against the plan before the first write."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.clock import SimulatedClock
from cohort.github.app_auth import APPLY_PERMISSIONS, app_client
from cohort.github.apply import apply_cohort, check_token, plan_cohort
from cohort.github.client import Client
from cohort.github.connect import seed_sandbox
from cohort.loading import load_cohort
from cohort.reconcile.prerequisites import MissingPrerequisiteError
from cohort.reconcile.safety import Allowances
from cohort.sandbox import Sandbox, SandboxTransport
from cohort.scaffolds import desired_state
from tests.conftest import EXAMPLE
from tests.github.test_app_auth import key_pair


def sandbox() -> Sandbox:
    box = Sandbox(clock=SimulatedClock())
    seed_sandbox(box, load_cohort(EXAMPLE).cohort)
    return box


def test_a_token_without_the_workflow_scope_stops_apply_before_any_write() -> None:
    box = sandbox()
    token = box.issue_token("ada-organizes", scopes=["repo", "admin:org"])
    client = Client(token, transport=SandboxTransport(box), clock=box.clock)
    desired = desired_state(load_cohort(EXAMPLE))
    with pytest.raises(MissingPrerequisiteError) as caught:
        apply_cohort(client, desired, allow=Allowances())
    assert str(caught.value).startswith(
        "the token lacks the scope 'workflow' (for files under .github/workflows/); "
        "nothing was written."
    )
    assert box.counters()["writes"] == 0
    assert not box.state.repos


def test_a_token_with_every_scope_it_needs_passes() -> None:
    box = sandbox()
    token = box.issue_token("ada-organizes", scopes=["repo", "admin:org", "workflow"])
    client = Client(token, transport=SandboxTransport(box), clock=box.clock)
    assert check_token(client, plan_cohort(client, desired_state(load_cohort(EXAMPLE)))) == []


def test_an_app_installation_without_workflows_is_refused_when_the_token_is_minted(
    tmp_path: Path,
) -> None:
    private, public = key_pair()
    box = sandbox()
    granted = {k: v for k, v in APPLY_PERMISSIONS.items() if k != "workflows"}
    box.register_app(7, "cohort-apply", public, org="omp-cohorts", permissions=granted)
    with pytest.raises(MissingPrerequisiteError, match="lacks workflows: write; nothing was"):
        app_client(
            7,
            private,
            "omp-cohorts",
            api_url="https://api.github.com",
            write=True,
            transport=SandboxTransport(box),
            clock=box.clock,
        )
    assert box.counters()["writes"] == 0
