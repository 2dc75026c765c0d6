"""Holes 5 and 6: input that crashed plan, and the most common mistakes, get clear answers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cohort.cli.main import run
from tests.conftest import EXAMPLE


def variant(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    changed = re.sub(old, new, text, count=1, flags=re.MULTILINE)
    assert changed != text
    path = tmp_path / "cohort.yml"
    path.write_text(changed, encoding="utf-8")
    return path


def test_a_start_near_year_9999_is_refused_by_validation_not_a_crash_in_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = variant(tmp_path, r"start: \S+", "start: 9999-12-27")
    assert run(["plan", str(path), "--sandbox"]) == 3
    err = capsys.readouterr().err
    assert "calendar.start: start 9999-12-27 is outside 2000-01-01..2100-12-31" in err
    assert "internal error" not in err


def test_warnings_are_shown_and_do_not_fail_validation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = variant(tmp_path, r"start: \S+", "start: 2027-02-03")
    text = path.read_text(encoding="utf-8")
    mentees = text.index("\nmentees:\n") + len("\nmentees:\n")
    text = text[:mentees] + "  - {handle: lonely, name: Lonely, level: senior}\n" + text[mentees:]
    text = text.replace("organizers: [ada-organizes,", "organizers: [lonely, ada-organizes,", 1)
    path.write_text(text, encoding="utf-8")
    assert run(["validate", str(path), "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["valid"] is True
    assert [(w["path"], w["message"], w["hint"]) for w in body["warnings"]] == [
        (
            "calendar.start",
            "start 2027-02-03 is a Wednesday, not a Monday; weeks and due dates count from it",
            "did you mean 2027-02-01?",
        ),
        (
            "mentees[0].handle",
            "mentee 'lonely' is also an organizer (admin of every team repository)",
            "remove them from organizers unless that is intended",
        ),
        (
            "mentees[0].handle",
            "mentee 'lonely' is on no team",
            "add them to a team's mentees, or remove them",
        ),
    ]
    assert run(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("warning: ") == 3


def test_warnings_become_annotations_and_a_table_under_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = variant(tmp_path, r"start: \S+", "start: 2027-02-02")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("  start: 2027-02-02"))
    assert f"::warning file={path},line={line},col=10,title=cohort%3A calendar.start::" in out
    table = summary.read_text(encoding="utf-8")
    assert "is valid" in table
    assert "#### ⚠️ 1 warning(s)" in table
    assert "start 2027-02-02 is a Tuesday, not a Monday" in table
