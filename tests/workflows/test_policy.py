"""Least privilege in every workflow: permissions, pins, credentials, triggers, concurrency."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cohort.init_files import init_files
from tests.workflows.harness import ROOT

PINS = yaml.safe_load((ROOT / "cohort" / "templates" / "action_pins.yml").read_text("utf-8"))
PINNED = {(row["action"], row["sha"], row["version"]) for row in PINS["pins"]}
SHA = "0123456789abcdef0123456789abcdef01234567"


def all_workflows() -> dict[str, str]:
    own = {
        p.name: p.read_text(encoding="utf-8")
        for p in (ROOT / ".github" / "workflows").glob("*.yml")
    }
    made = init_files("0.1.0", f"cohort-as-code/cohort@{SHA}")
    own |= {f"init/{Path(k).name}": v for k, v in made.items() if k.endswith(".yml")}
    return own


WORKFLOWS = all_workflows()


def load(text: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(text)
    return data


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_permissions_are_empty_at_the_top_and_explicit_per_job(name: str) -> None:
    data = load(WORKFLOWS[name])
    assert data["permissions"] == {}
    for job in data["jobs"].values():
        assert isinstance(job.get("permissions"), dict)


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_actions_are_pinned_from_the_pin_table_and_checkouts_keep_no_credentials(name: str) -> None:
    text = WORKFLOWS[name]
    for line in re.findall(r"uses: (\S+@\S+ # \S+)", text):
        action, _, rest = line.partition("@")
        sha, _, version = rest.partition(" # ")
        if action == "cohort-as-code/cohort":
            assert (sha, version) == (SHA, "v0.1.0")
        else:
            assert (action, sha, version) in PINNED
    for job in load(text)["jobs"].values():
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            assert "${{" not in str(step.get("run", ""))


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_no_workflow_runs_on_pull_request_target(name: str) -> None:
    assert "pull_request_target" not in load(WORKFLOWS[name])[True]


def test_the_pull_request_workflow_holds_no_secret_and_only_validates() -> None:
    for name in ("cohort-pr.yml", "init/cohort-pr.yml"):
        text = WORKFLOWS[name]
        assert "secrets." not in text
        jobs = load(text)["jobs"]
        assert list(jobs) == ["validate"]
        assert jobs["validate"]["permissions"] == {"contents": "read"}


def test_the_plan_runs_from_the_default_branch_in_its_environment_for_same_repo_prs() -> None:
    for name in ("cohort-plan.yml", "init/cohort-plan.yml"):
        data = load(WORKFLOWS[name])
        assert data[True] == {"workflow_run": {"workflows": ["cohort pr"], "types": ["completed"]}}
        job = data["jobs"]["plan"]
        assert job["environment"] == "cohort-plan"
        assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
        for needed in (
            "github.event.workflow_run.event == 'pull_request'",
            "github.event.workflow_run.conclusion == 'success'",
            "github.event.workflow_run.head_repository.full_name == github.repository",
        ):
            assert needed in job["if"]
        default, data_only, plan, comment = job["steps"]
        assert "ref" not in default["with"]
        assert data_only["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
        assert data_only["with"]["path"] == "pull-request"
        assert plan["with"]["cohort-file"].startswith("pull-request/")
        assert "token" not in plan["with"]
        assert comment["with"]["token"] == "${{ github.token }}"
        assert "app-id" not in comment["with"]  # the key signs; the App token is not minted


def test_apply_runs_in_the_protected_environment_and_is_never_cancelled() -> None:
    data = load(WORKFLOWS["cohort-apply.yml"])
    assert data["concurrency"]["cancel-in-progress"] is False
    job = data["jobs"]["apply"]
    assert job["environment"] == "cohort-apply"
    assert job["permissions"] == {"contents": "read"}
    assert job["steps"][-1]["with"]["args"] == "--confirm --reviewed-push"
    assert data[True]["push"]["branches"] == ["main"]


def test_weekly_is_scheduled_and_posts_only_on_schedule_or_when_asked() -> None:
    data = load(WORKFLOWS["cohort-weekly.yml"])
    assert data[True]["schedule"]
    assert data[True]["workflow_dispatch"]["inputs"]["post"]["default"] is False
    drift = data["jobs"]["drift"]["steps"][-1]["with"]
    assert drift["args"] == "--detailed-exitcode"
