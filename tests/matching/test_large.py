"""Large inputs: the averaging bound holds, decomposition only ever improves a verified answer,
and the decomposed answer is the same on every run."""

from __future__ import annotations

import dataclasses

import pytest

from cohort.matching import solve
from cohort.matching.bound import averaging_bound
from cohort.matching.candidates import mentor_slots
from cohort.matching.greedy import greedy_teams
from cohort.matching.lns import key
from cohort.matching.model import MenteeSignup, MentorSignup, ProjectInfo, Rules, Signups
from cohort.matching.solve import form_teams
from cohort.matching.synthetic import signups
from cohort.matching.verify import check_teams

RULES = Rules(min_size=3, max_size=5)


def _block(start: int, length: int) -> int:
    return ((1 << length) - 1) << start


def test_the_averaging_bound_by_hand() -> None:
    web = ProjectInfo("web", frozenset({"css"}))
    people = [
        MenteeSignup(f"p{i}", f"P {i}", "senior", {"css": 1}, _block(0, 8), ("web",))
        for i in range(6)
    ]
    leads = [MentorSignup(h, h, frozenset({"css"}), 1, _block(0, 8), ("web",), True) for h in "ab"]
    data = Signups(tuple(people), tuple(leads), (web,))
    slots, _ = mentor_slots(data, Rules(3, 3))
    # each mentee at most 6 (1st choice) + 1 (css 1) = 7; one level, in at most 2 teams: 3 each
    # two teams of three: (6 * 7 + 2 * 3) // 2 = 24 for the worst team
    assert averaging_bound(data, Rules(3, 3), slots, 999).worst == 24
    result = form_teams(people, (web,), leads, Rules(3, 3), time_limit=2)
    assert result.status == "optimal"
    assert result.worst == 24  # here the bound is reached


def test_the_averaging_bound_is_never_below_an_answer() -> None:
    data = signups(24, 8, 4, seed=3)
    mentors = tuple(dataclasses.replace(m, inducted=True, capacity=2) for m in data.mentors)
    data = dataclasses.replace(data, mentors=mentors)
    result = form_teams(data.mentees, data.projects, data.mentors, RULES, time_limit=10)
    assert result.teams
    slots, _ = mentor_slots(data, RULES)
    assert averaging_bound(data, RULES, slots, 999).worst >= result.worst


@pytest.fixture
def decomposed(monkeypatch: pytest.MonkeyPatch) -> Signups:
    monkeypatch.setattr(solve, "TRIM_ABOVE", 100)  # a small input takes the large-input path
    monkeypatch.setattr(solve, "TRIM_TO", 4)
    return signups(40, 10, 4, seed=5)


def test_decomposition_keeps_every_rule_and_says_so(decomposed: Signups) -> None:
    data = decomposed
    result = form_teams(data.mentees, data.projects, data.mentors, RULES, time_limit=4)
    assert result.status == "feasible"
    assert check_teams(result.teams, data.mentees, data.projects, data.mentors, RULES) == []
    assert sorted(h for t in result.teams for h in t.mentees) == sorted(
        m.handle for m in data.mentees
    )
    assert any("decomposed" in note for note in result.notes)
    slots, _ = mentor_slots(data, RULES)
    assert result.worst_bound == averaging_bound(data, RULES, slots, 10**6).worst
    assert 0 < result.gap < 1


def test_decomposition_only_improves_on_the_whole_model_answer(decomposed: Signups) -> None:
    data = decomposed
    better = form_teams(data.mentees, data.projects, data.mentors, RULES, time_limit=4)
    whole = form_teams(
        data.mentees, data.projects, data.mentors, RULES, time_limit=4, decompose=False
    )
    assert key(better.teams) >= key(whole.teams)
    assert check_teams(better.teams, data.mentees, data.projects, data.mentors, RULES) == []


def test_the_decomposed_answer_is_the_same_every_time(decomposed: Signups) -> None:
    data = decomposed
    first = form_teams(data.mentees, data.projects, data.mentors, RULES, seed=7, time_limit=3)
    again = form_teams(data.mentees, data.projects, data.mentors, RULES, seed=7, time_limit=3)
    assert first.teams == again.teams


def test_the_decomposed_answer_beats_a_valid_greedy_answer(decomposed: Signups) -> None:
    data = decomposed
    greedy = greedy_teams(data.mentees, data.projects, data.mentors, RULES)
    assert check_teams(greedy.teams, data.mentees, data.projects, data.mentors, RULES) == []
    result = form_teams(data.mentees, data.projects, data.mentors, RULES, time_limit=4)
    assert result.worst >= greedy.worst + 2  # issue 22's margin (here 38 against 23)
    assert result.total > greedy.total
