"""The mentoring commands on a sandbox kept in a state file: exit codes and whole outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.cli.main import run
from tests.conftest import EXAMPLE


def test_checkins_twice_then_graduate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = str(tmp_path / "s.json")
    base = [str(EXAMPLE), "--sandbox-state", state]
    assert run(["apply", *base, "--confirm"]) == 0
    capsys.readouterr()
    assert run(["checkins", *base, "--week", "1"]) == 0
    assert run(["checkins", *base, "--week", "2027-W05"]) == 0  # the same week, by ISO name
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("#")[1].split(" ", 1)[1] for line in lines] == ["created"] * 4 + [
        "unchanged"
    ] * 4
    assert run(["checkins", *base, "--week", "13"]) == 3
    out = tmp_path / "grad"
    assert run(["graduate", *base, "--out", str(out), "--archive"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"wrote 12 portfolio pages and report.md to {out}",
        "nothing to archive: the cohort is not over or policy.archive_at_end is off",
    ]
    assert (out / "portfolio" / "fatima-z.html").read_text().startswith("<!doctype html>")
