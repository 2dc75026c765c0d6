"""Hole 4: no workflow a branch can rewrite may reach the App key; every holder is guarded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cohort.init_files import init_files
from tests.workflows.harness import ROOT

SHA = "0123456789abcdef0123456789abcdef01234567"
# Triggers that run a copy of the workflow file from the pull request's branch.
BRANCH_TRIGGERS = {"pull_request", "push", "merge_group"}


def workflows() -> dict[str, dict[Any, Any]]:
    own = {p.name: p.read_text("utf-8") for p in (ROOT / ".github" / "workflows").glob("*.yml")}
    made = init_files("0.1.0", f"cohort-project/cohort@{SHA}")
    own |= {f"init/{Path(k).name}": v for k, v in made.items() if k.endswith(".yml")}
    return {name: yaml.safe_load(text) for name, text in own.items()}


WORKFLOWS = workflows()
HOLDERS = [
    (name, job_name)
    for name, data in sorted(WORKFLOWS.items())
    for job_name, job in data["jobs"].items()
    if "secrets.COHORT_APP_PRIVATE_KEY" in yaml.safe_dump(job)
]


def test_the_plan_and_apply_jobs_hold_the_key() -> None:
    assert {"plan", "apply", "summary", "drift"} <= {job for _, job in HOLDERS}


@pytest.mark.parametrize(("name", "job_name"), HOLDERS)
def test_every_job_holding_the_app_key_takes_it_from_a_default_branch_environment(
    name: str, job_name: str
) -> None:
    data = WORKFLOWS[name]
    job = data["jobs"][job_name]
    assert job["environment"] in ("cohort-plan", "cohort-apply")
    triggers = set(data[True])
    assert "pull_request" not in triggers
    assert "pull_request_target" not in triggers
    if "push" in triggers:
        assert data[True]["push"]["branches"] == ["main"]


@pytest.mark.parametrize("name", sorted(n for n in WORKFLOWS if "cohort-pr" in n))
def test_the_workflow_a_pull_request_runs_references_no_secret_at_all(name: str) -> None:
    data = WORKFLOWS[name]
    assert set(data[True]) <= BRANCH_TRIGGERS
    assert "secrets." not in yaml.safe_dump(data)
    for job in data["jobs"].values():
        assert "environment" not in job
