"""The 24-mentee / 8-mentor case of issue 22, from CSV files through the command line: the
number of teams asked for, per-project team sizes and must-lead mentors from cohort.yml or
flags, and nobody left out without a word."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.config.load import parse_cohort
from cohort.config.model import CohortFile
from tests.conftest import KNOWN_TEMPLATES
from tests.matching.conftest import COHORT, GOLDEN

CASE = GOLDEN / "cohort24"


def _mentors() -> list[str]:
    with (CASE / "mentors.csv").open(encoding="utf-8") as f:
        return [row["GitHub username"] for row in csv.DictReader(f)]


def _setup(tmp_path: Path, cohort: str = COHORT) -> tuple[Path, list[str]]:
    public = tmp_path / "organizer-repo"
    (public / ".git").mkdir(parents=True)
    (public / "cohort.yml").write_text(cohort, encoding="utf-8")
    private = tmp_path / "private"
    shutil.copytree(CASE, private)
    args = [
        "match",
        str(public / "cohort.yml"),
        "--mentees",
        str(private / "mentees.csv"),
        "--mentors",
        str(private / "mentors.csv"),
        "--columns",
        str(private / "columns.yml"),
        "--time-limit",
        "5",
        "--write",
    ]
    return public / "cohort.yml", args


def _proposed(path: Path) -> CohortFile:
    return parse_cohort(path.read_text(encoding="utf-8"), "cohort.yml", KNOWN_TEMPLATES).cohort


def _unaccounted(cohort: CohortFile, out: str) -> list[str]:
    """Mentor sign-ups that lead no team and are not named in a note of the summary."""
    leading = {h for team in cohort.teams for h in team.mentors}
    return [m for m in _mentors() if m not in leading and f"mentor '{m}'" not in out]


def test_eight_teams_asked_for_eight_teams_formed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, args = _setup(tmp_path)
    assert run([*args, "--teams", "8"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    cohort = _proposed(path)
    assert len(cohort.teams) == 8
    assert "Teams: 8; mentees placed: 24 of 24" in out
    assert sorted(h for t in cohort.teams for h in t.mentees) == sorted(
        m.handle for m in cohort.mentees
    )
    assert len(cohort.mentees) == 24
    assert "chen-wei" in {h for t in cohort.teams for h in t.mentors}  # inducted, capacity 2
    assert _unaccounted(cohort, out) == []


def test_left_to_itself_it_forms_fewer_teams_and_names_every_idle_mentor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, args = _setup(tmp_path)
    assert run(args) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    cohort = _proposed(path)
    idle = sorted(set(_mentors()) - {h for t in cohort.teams for h in t.mentors})
    assert len(cohort.teams) < 8
    assert idle
    for mentor in idle:
        assert f"left out: mentor '{mentor}'" in out
    assert _unaccounted(cohort, out) == []


def test_team_size_and_must_lead_from_cohort_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = COHORT.replace(
        "mentors: []   # filled by cohort match\n",
        "mentors:\n  - handle: emeka-o\n    name: Emeka Okafor\n"
        "    induction: completed\n    must_lead: true\n",
    ).replace("    skills: [python, apis]\n", "    skills: [python, apis]\n    team_size: 2-3\n")
    path, args = _setup(tmp_path, text)
    assert run(args) == 0, capsys.readouterr().err
    cohort = _proposed(path)
    assert "emeka-o" in {h for t in cohort.teams for h in t.mentors}
    sizes = [len(t.mentees) for t in cohort.teams if t.project == "study-buddy-api"]
    assert sizes
    assert all(2 <= size <= 3 for size in sizes)


def test_team_size_and_must_lead_by_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, args = _setup(tmp_path)
    flags = ["--project-size", "campus-events=4-4", "--must-lead", "gabriel-m"]
    assert run([*args, *flags]) == 0, capsys.readouterr().err
    cohort = _proposed(path)
    assert "gabriel-m" in {h for t in cohort.teams for h in t.mentors}
    sizes = [len(t.mentees) for t in cohort.teams if t.project == "campus-events"]
    assert sizes
    assert set(sizes) == {4}


def test_bad_project_size_and_unknown_must_lead_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, args = _setup(tmp_path)
    assert run([*args, "--project-size", "campus-events=5-2"]) == 3
    assert "--project-size '5-2': write MIN-MAX with MIN at most MAX" in capsys.readouterr().err
    assert run([*args, "--project-size", "campus-event=2-3", "--must-lead", "nobody-x"]) == 3
    err = capsys.readouterr().err
    assert "unknown project 'campus-event'" in err
    assert "'nobody-x' must lead a team but has no mentor sign-up" in err
    assert path.read_text(encoding="utf-8") == COHORT


def test_team_size_in_cohort_yml_is_checked() -> None:
    bad = COHORT.replace(
        "    skills: [python, apis]\n", "    skills: [python, apis]\n    team_size: 4-2\n"
    )
    with pytest.raises(Exception, match="minimum is above the maximum"):
        parse_cohort(bad, "cohort.yml", KNOWN_TEMPLATES)
