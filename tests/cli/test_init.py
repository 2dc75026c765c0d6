"""``cohort init`` in an empty folder, then validate and plan on the sandbox, like a newcomer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cohort.cli.main import run


def test_init_then_validate_then_plan_on_the_sandbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "cohort-admin"
    assert (
        run(
            [
                "init",
                str(repo),
                "--organization",
                "omp-cohorts",
                "--organizer",
                "ada",
                "--action-ref",
                "cohort-as-code/cohort@" + "a" * 40,
            ]
        )
        == 0
    )
    written = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    assert written == [
        ".github/CODEOWNERS",
        ".github/workflows/cohort-apply.yml",
        ".github/workflows/cohort-checkins.yml",
        ".github/workflows/cohort-daily.yml",
        ".github/workflows/cohort-dashboard.yml",
        ".github/workflows/cohort-evaluations.yml",
        ".github/workflows/cohort-induction.yml",
        ".github/workflows/cohort-invitations.yml",
        ".github/workflows/cohort-plan.yml",
        ".github/workflows/cohort-pr.yml",
        ".github/workflows/cohort-weekly.yml",
        "README.md",
        "cohort.yml",
    ]
    assert "/cohort.yml @ada" in (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    workflow = yaml.safe_load((repo / ".github/workflows/cohort-pr.yml").read_text("utf-8"))
    assert workflow["permissions"] == {}
    out = capsys.readouterr().out
    assert f"cohort validate {repo / 'cohort.yml'}" in out
    assert run(["validate", str(repo / "cohort.yml")]) == 0
    assert run(["plan", "--sandbox", str(repo / "cohort.yml"), "--detailed-exitcode"]) == 2
    assert "Plan: " in capsys.readouterr().out
    assert run(["demo", str(repo / "cohort.yml")]) == 0
    demo = capsys.readouterr().out
    assert "is valid: 1 teams, 1 mentors, 3 mentees." in demo
    assert "✓ second plan: no changes." in demo


def test_init_keeps_sign_up_forms_out_of_the_organizer_repository(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path), "--action-ref", "me/cohort@" + "b" * 40]) == 0
    assert not (tmp_path / ".github" / "ISSUE_TEMPLATE").exists()


def test_an_unreleased_build_refuses_without_action_ref_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COHORT_ACTION_REF", raising=False)
    assert run(["init", str(tmp_path / "org")]) == 3
    assert "--action-ref" in capsys.readouterr().err
    assert not (tmp_path / "org").exists()
    assert run(["init", str(tmp_path / "org"), "--action-ref", "me/cohort@v1"]) == 3
    assert not (tmp_path / "org").exists()
