"""The greedy baseline repairs its own answer until it breaks no rule on ordinary inputs."""

from __future__ import annotations

import pytest

from cohort.matching import solve
from cohort.matching.greedy import greedy_teams
from cohort.matching.model import Rules
from cohort.matching.solve import form_teams
from cohort.matching.synthetic import signups
from cohort.matching.verify import check_teams

RULES = Rules(3, 5)


@pytest.mark.parametrize(("people", "leads"), [(60, 12), (200, 40)])
def test_greedy_teams_break_no_rule_on_synthetic_cohorts(people: int, leads: int) -> None:
    data = signups(people, leads, 8, seed=1)
    result = greedy_teams(data.mentees, data.projects, data.mentors, RULES)
    assert check_teams(result.teams, data.mentees, data.projects, data.mentors, RULES) == []
    assert result.worst == min(team.score for team in result.teams)


def test_large_inputs_start_from_the_greedy_answer_and_say_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(solve, "TRIM_ABOVE", 100)
    monkeypatch.setattr(solve, "TRIM_TO", 3)
    data = signups(40, 10, 4, seed=2)
    result = form_teams(data.mentees, data.projects, data.mentors, RULES, seed=0, time_limit=3)
    assert result.status in ("optimal", "feasible")
    assert any("3 best-fitting mentors" in note for note in result.notes)
    assert check_teams(result.teams, data.mentees, data.projects, data.mentors, RULES) == []
    greedy = greedy_teams(data.mentees, data.projects, data.mentors, RULES)
    assert result.worst >= greedy.worst
