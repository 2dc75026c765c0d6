"""The messy program generator that tests and benchmarks share (benchmarks/generate.py)."""

from __future__ import annotations

import pytest

from benchmarks.generate import messy_program
from cohort.config.load import parse_cohort

TEMPLATES = ("web-frontend", "python-api", "data-report")


@pytest.mark.parametrize("teams", [65, 1000])
def test_programs_are_shaped_like_real_terms(teams: int) -> None:
    program = messy_program(teams, seed=7)
    led = program.teams_per_mentor
    assert len(program.mentors_per_team) == teams
    assert set(program.mentors_per_team) <= {1, 2, 3, 4}
    assert max(led.values()) <= 5
    assert min(led.values()) >= 1
    several = sum(1 for n in led.values() if n > 1) / len(led)
    assert 0.25 <= several <= 0.45  # real terms: 36 of 100 mentors on several projects
    assert len(led) == round(teams * 100 / 65)
    assert program.members
    assert program.outsiders


def test_a_65_team_program_is_messy_and_valid() -> None:
    program = messy_program(65, seed=1)
    loaded = parse_cohort(program.text, "generated.yml", TEMPLATES).cohort
    handles = {m.handle for m in loaded.mentors} | {m.handle for m in loaded.mentees}
    in_teams = {h for t in loaded.teams for h in [*t.mentors, *t.mentees]}
    respelled = in_teams - handles
    assert respelled
    assert {h.lower() for h in respelled} <= {h.lower() for h in handles}
    assert any(not p.brief.isascii() for p in loaded.projects)
    assert max(len(p.brief) for p in loaded.projects) > 1800
    assert any(not m.name.isascii() for m in loaded.mentors)


def test_the_same_seed_gives_the_same_program() -> None:
    assert messy_program(80, seed=3) == messy_program(80, seed=3)
    assert messy_program(80, seed=3).text != messy_program(80, seed=4).text
