"""``cohort plan``, ``apply`` and ``demo`` on the sandbox, as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cohort.cli.main import run
from tests.conftest import EXAMPLE


def test_plan_json_on_the_sandbox_lists_the_cold_changes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["plan", str(EXAMPLE), "--sandbox", "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["organization"] == "omp-cohorts"
    assert body["counts"]["create"] == len(body["changes"]) > 100
    assert body["destructive"] == []


def test_detailed_exitcode_is_2_when_there_are_changes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["plan", str(EXAMPLE), "--sandbox", "--detailed-exitcode"]) == 2
    assert capsys.readouterr().out.endswith(" changes).\n")


def test_apply_without_confirm_only_plans(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    state = tmp_path / "org.json"
    assert run(["apply", str(EXAMPLE), "--sandbox-state", str(state)]) == 0
    out = capsys.readouterr().out
    assert out.endswith("This was a plan. Re-run with --confirm to apply it.\n")
    assert run(["plan", str(EXAMPLE), "--sandbox-state", str(state), "--detailed-exitcode"]) == 2


def test_apply_confirm_then_plan_is_empty_across_processes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    state = tmp_path / "org.json"
    assert (
        run(["apply", str(EXAMPLE), "--sandbox-state", str(state), "--confirm", "--format", "json"])
        == 0
    )
    applied = json.loads(capsys.readouterr().out)
    # and Pages for two Pages templates, and one onboarding issue (one REST POST) per mentee
    assert applied["writes"] <= 4 * 7 + 12 + 5 + 2 + 12
    assert run(["plan", str(EXAMPLE), "--sandbox-state", str(state), "--detailed-exitcode"]) == 0
    assert capsys.readouterr().out.endswith("No changes. The organization matches the cohort.\n")


def test_demo_shows_the_whole_cycle(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["demo", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "✓ examples/cohort.yml is valid" in out or f"✓ {EXAMPLE} is valid" in out
    assert "✓ second plan: no changes." in out
    assert "every one valid against GitHub's API description" in out


def test_plan_without_token_says_how_to_get_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GH_TOKEN", raising=False)
    assert run(["plan", str(EXAMPLE)]) == 3
    assert capsys.readouterr().err == (
        "error: no GitHub token: set GITHUB_TOKEN (or --token), or rehearse with --sandbox\n"
    )


def test_demo_marks_only_success_with_a_check() -> None:
    from cohort.cli.demo import closing

    assert closing(True, [], 12) == [
        "✓ second plan: no changes.",
        "✓ 12 requests, every one valid against GitHub's API description.",
    ]
    assert closing(False, ["POST /orgs/o/teams: unknown field 'x'"], 12) == [
        "✗ second plan: NOT EMPTY (the organization does not match the cohort yet).",
        "✗ 1 of 12 requests did not match GitHub's API description; "
        "first: POST /orgs/o/teams: unknown field 'x'",
    ]
