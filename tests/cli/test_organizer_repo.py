"""The organizer repository: plan says how to create it; apply creates it (private) when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.sandbox import Sandbox
from tests.conftest import EXAMPLE

ADMIN = "omp-cohorts/cohort-admin"


def test_plan_notes_a_missing_organizer_repo_and_apply_creates_it_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "org.json"
    assert run(["plan", str(EXAMPLE), "--sandbox-state", str(state)]) == 0
    out = capsys.readouterr().out
    assert (
        f"note: the organizer repository {ADMIN} (program.organizer_repo) does not exist or "
        "this token cannot see it;"
    ) in out
    assert "`cohort apply --confirm --create-organizer-repo`" in out
    assert run(["induction", "status", str(EXAMPLE), "--sandbox-state", str(state)]) == 1
    assert "the organizer repository omp-cohorts/cohort-admin" in capsys.readouterr().err

    base = ["apply", str(EXAMPLE), "--sandbox-state", str(state), "--confirm"]
    assert run([*base, "--create-organizer-repo"]) == 0
    assert "created the organizer repository (private)" in capsys.readouterr().out
    assert Sandbox.load(state).state.repos[ADMIN].visibility == "private"
    assert run(["plan", str(EXAMPLE), "--sandbox-state", str(state)]) == 0
    assert "organizer repository" not in capsys.readouterr().out
