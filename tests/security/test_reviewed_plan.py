"""Hole 3: apply holds the plan to what was reviewed, and a forged reviewed plan is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.sandbox import Sandbox
from cohort.workflow.plan_comment import ReviewedPlan, from_json, signing_key
from tests.conftest import EXAMPLE

SECRET = "only-the-default-branch-environments-hold-this"


@pytest.fixture
def org(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """An applied sandbox organization where five people were added to a team by hand."""
    state = tmp_path / "org.json"
    assert run(["apply", str(EXAMPLE), "--sandbox-state", str(state), "--confirm"]) == 0
    box = Sandbox.load(state)
    team = box.state.teams[("omp-cohorts", "2027-spring-aurora")]
    for n in range(5):
        box.add_user(f"intruder-{n}")
        team.members[f"intruder-{n}"] = "member"
    box.save(state)
    capsys.readouterr()
    return state, EXAMPLE


def current_plan(state: Path, cohort: Path, tmp_path: Path) -> dict[str, object]:
    out = tmp_path / "plan.json"
    assert run(["plan", str(cohort), "--sandbox-state", str(state), "--out", str(out)]) == 0
    plan: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    assert plan["destructive"], "the test needs destructive changes"
    return plan


def apply_with(state: Path, cohort: Path, reviewed: dict[str, object], tmp_path: Path) -> int:
    path = tmp_path / "reviewed.json"
    path.write_text(json.dumps(reviewed), encoding="utf-8")
    return run(
        [
            "apply",
            str(cohort),
            "--sandbox-state",
            str(state),
            "--confirm",
            "--allow-removals",
            "--reviewed-plan",
            str(path),
        ]
    )


def test_a_forged_reviewed_plan_with_a_recomputed_digest_is_refused(
    org: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    state, cohort = org
    monkeypatch.setenv("COHORT_PLAN_SIGNING_KEY", SECRET)
    plan = current_plan(state, cohort, tmp_path)
    # The forger lists every removal and recomputes the digest so it matches the plan exactly.
    forged = {"digest": plan["digest"], "destructive": plan["destructive"], "signature": "0" * 64}
    capsys.readouterr()
    assert apply_with(state, cohort, forged, tmp_path) == 4
    assert "is not signed by this cohort's plan workflow" in capsys.readouterr().err
    # Nothing was applied: the plan is unchanged.
    assert current_plan(state, cohort, tmp_path)["digest"] == plan["digest"]


def test_destructive_keys_added_to_a_signed_plan_break_its_signature(
    org: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    state, cohort = org
    monkeypatch.setenv("COHORT_PLAN_SIGNING_KEY", SECRET)
    plan = current_plan(state, cohort, tmp_path)
    key = signing_key(SECRET, None)
    assert key is not None
    reviewed_nothing = ReviewedPlan("f" * 64, (), "h", "o/r", 1).signed(key)
    edited = {**reviewed_nothing.as_json(), "destructive": plan["destructive"]}
    assert apply_with(state, cohort, edited, tmp_path) == 4
    capsys.readouterr()
    # Correctly signed but reviewing nothing destructive: the removals are refused.
    assert apply_with(state, cohort, reviewed_nothing.as_json(), tmp_path) == 4
    assert "destructive change(s) were not in it" in capsys.readouterr().err
    assert current_plan(state, cohort, tmp_path)["digest"] == plan["digest"]


def test_a_plan_signed_by_the_plan_workflow_is_applied(
    org: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    state, cohort = org
    monkeypatch.setenv("COHORT_PLAN_SIGNING_KEY", SECRET)
    plan = current_plan(state, cohort, tmp_path)
    key = signing_key(SECRET, None)
    assert key is not None
    reviewed = from_json({**plan, "head": "h", "repository": "o/r", "pr": 1}).signed(key)
    assert apply_with(state, cohort, reviewed.as_json(), tmp_path) == 0
    assert run(["plan", str(cohort), "--sandbox-state", str(state), "--detailed-exitcode"]) == 0


def test_a_reviewed_plan_file_without_a_key_to_check_it_is_refused(
    org: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state, cohort = org
    plan = current_plan(state, cohort, tmp_path)
    assert apply_with(state, cohort, {"digest": plan["digest"], "destructive": []}, tmp_path) == 3
    assert "a reviewed plan is checked by its signature" in capsys.readouterr().err
