"""``cohort validate``: exit codes, exact output, JSON, annotations and step summary."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.matching.starter import starter_cohort
from tests.conftest import EXAMPLE

BROKEN = Path(__file__).resolve().parent.parent / "config" / "broken"


def test_example_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr()
    assert out.out == (f"{EXAMPLE}: valid — 4 teams, 5 mentors, 12 mentees, 3 projects\n")
    assert out.err == ""


def test_the_init_starter_is_valid_and_counted_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cohort.yml"
    path.write_text(starter_cohort("P", "c1", "org", "ada", dt.date(2027, 2, 1)), encoding="utf-8")
    assert run(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid — 1 team, 1 mentor, 3 mentees, 1 project\n"


def test_broken_file_exits_3_with_every_problem_on_stderr(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BROKEN)
    assert run(["validate", "unknown-people.yml"]) == 3
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == (
        "unknown-people.yml:21:57 teams[0].mentees[2]: unknown mentee 'zed' "
        "(add them under mentees)\n"
        "unknown-people.yml:22:67 teams[1].mentors[0]: unknown mentor 'brunoo' "
        "(did you mean 'bruno'?)\n"
        "2 problems found\n"
    )


def test_json_format_lists_problems_with_positions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BROKEN)
    assert run(["validate", "unknown-key.yml", "--format", "json"]) == 3
    body = json.loads(capsys.readouterr().out)
    assert body == {
        "file": "unknown-key.yml",
        "valid": False,
        "problems": [
            {
                "file": "unknown-key.yml",
                "line": 9,
                "column": 3,
                "path": "calendar.wekks",
                "message": "unknown key 'wekks'",
                "hint": "did you mean 'weeks'?",
            }
        ],
        "warnings": [],
    }


def test_under_actions_problems_become_annotations_and_a_step_summary(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.chdir(BROKEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run(["validate", "unknown-key.yml"]) == 3
    out = capsys.readouterr().out
    assert out == (
        "::error file=unknown-key.yml,line=9,col=3,title=cohort%3A calendar.wekks::"
        "unknown key 'wekks' (did you mean 'weeks'?)\n"
    )
    assert "| `unknown-key.yml:9:3` | `calendar.wekks` | unknown key 'wekks' |" in (
        summary.read_text(encoding="utf-8")
    )


def test_missing_file_is_invalid_input_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(["validate", str(tmp_path / "nope.yml")]) == 3
    assert capsys.readouterr().err == f"{tmp_path / 'nope.yml'}: file not found\n1 problem found\n"


def test_unknown_option_is_invalid_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--nope"]) == 3
    assert "Error: No such option '--nope'." in capsys.readouterr().err


def test_help_lists_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "validate" in out
    assert "Exit codes: 0 ok" in out


def test_a_cohort_file_over_the_size_limit_is_refused_with_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from benchmarks.generate import cohort_text

    path = tmp_path / "cohort.yml"
    path.write_text(cohort_text(6000), encoding="utf-8")
    size = path.stat().st_size
    assert run(["validate", str(path)]) == 3
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == (
        f"{path}: file is {size:,} bytes; the limit is 1,000,000 (about 2,500 teams with their "
        "people): split the program into several cohorts, each with its own file\n"
        "1 problem found\n"
    )
