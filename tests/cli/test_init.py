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
                "cohort-project/cohort@" + "a" * 40,
            ]
        )
        == 0
    )
    written = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    assert written == [
        ".github/CODEOWNERS",
        ".github/workflows/cohort-apply.yml",
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


def test_init_keeps_sign_up_forms_out_of_the_organizer_repository(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path)]) == 0
    assert not (tmp_path / ".github" / "ISSUE_TEMPLATE").exists()
