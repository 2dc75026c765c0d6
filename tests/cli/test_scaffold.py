"""``cohort scaffold``: one team's repository in a folder, exactly as apply commits it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.loading import load_cohort
from cohort.scaffolds import desired_state
from tests.conftest import EXAMPLE


def test_scaffold_writes_the_same_files_apply_commits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aurora"
    assert run(["scaffold", "aurora", str(EXAMPLE), "--out", str(out)]) == 0
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    want = desired_state(load_cohort(EXAMPLE)).repos["2027-spring-aurora"].scaffold
    assert written == dict(want)
    assert capsys.readouterr().out.startswith(f"wrote {len(want)} files to {out} (web-frontend")


def test_scaffold_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    assert run(["scaffold", "aurora", str(EXAMPLE), "--out", str(tmp_path)]) == 3
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert len(list(tmp_path.iterdir())) == 1
    assert "error:" in capsys.readouterr().err


def test_unknown_team_names_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["scaffold", "zephyr", str(EXAMPLE), "--out", str(tmp_path / "x")]) == 3
    assert capsys.readouterr().err == (
        f"error: no team 'zephyr' in {EXAMPLE}; teams: aurora, borealis, cirrus, delta\n"
    )
