"""Infeasibility explained by rule: the set of rules reported is irreducible (removing any one
lets the rest hold), each rule is named with the people involved and a suggestion."""

from __future__ import annotations

import dataclasses

import pytest

from cohort.matching.model import MenteeSignup, MentorSignup, ProjectInfo, Result, Rules
from cohort.matching.solve import form_teams, rule_checker
from cohort.matching.synthetic import signups

WEB = (ProjectInfo("web", frozenset({"css"})),)


def _block(start: int, length: int) -> int:
    return ((1 << length) - 1) << start


def _lead(handle: str, capacity: int = 1, free: int = _block(0, 8)) -> MentorSignup:
    return MentorSignup(handle, handle.title(), frozenset({"css"}), capacity, free, ("web",), True)


def _mentee(
    handle: str, level: str = "senior", free: int = _block(0, 8), **kw: object
) -> MenteeSignup:
    return MenteeSignup(handle, handle.title(), level, {}, free, ("web",), **kw)  # type: ignore[arg-type]


Case = tuple[list[MenteeSignup], tuple[ProjectInfo, ...], list[MentorSignup], Rules]


def _pairs() -> Case:
    people = [_mentee(f"p{i}", with_people=("p2",) if i == 0 else ()) for i in range(6)]
    apart = (("p1", "p2"), ("p1", "p3"), ("p1", "p4"))
    return people, WEB, [_lead("lead", 2)], Rules(3, 3, apart=apart)


def _team_count() -> Case:
    data = signups(24, 8, 4, seed=3)
    every = [dataclasses.replace(m, inducted=True, capacity=2) for m in data.mentors]
    return list(data.mentees), data.projects, every, Rules(3, 5, teams_min=2, teams_max=2)


def _must_lead() -> Case:
    people = [_mentee(f"p{i}") for i in range(4)]
    rules = Rules(3, 5, teams_min=1, teams_max=1, must_lead=("ana", "bo"))
    return people, WEB, [_lead("ana"), _lead("bo"), _lead("cy")], rules


def _level_mix() -> Case:
    seniors = [_mentee("s1", with_people=("s2",)), _mentee("s2")]
    juniors = [_mentee(f"j{i}", "first-year") for i in range(4)]
    return [*seniors, *juniors], WEB, [_lead("ana"), _lead("bo")], Rules(3, 3)


def _meeting() -> Case:
    people = [
        _mentee("early", free=_block(0, 3)),
        _mentee("late", free=_block(5, 3)),
        _mentee("any"),
    ]
    return people, WEB, [_lead("ana")], Rules(3, 3)


CASES = {
    "pairs": _pairs,
    "team count": _team_count,
    "must lead": _must_lead,
    "level mix": _level_mix,
    "meeting": _meeting,
}


def _solve(case: Case) -> Result:
    mentees, projects, mentors, rules = case
    return form_teams(mentees, projects, mentors, rules, seed=0, time_limit=2)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_reported_rules_are_an_irreducible_infeasible_set(name: str) -> None:
    case = CASES[name]()
    result = _solve(case)
    assert result.status == "infeasible"
    assert result.core
    checker = rule_checker(*case)
    assert checker.holds(result.core) is False
    for rule in result.core:
        rest = [other for other in result.core if other != rule]
        assert checker.holds(rest) is True, f"{name}: the rest still fails without {rule}"
    assert result.reasons[0].startswith("these rules cannot all hold together; dropping any one")


@pytest.mark.parametrize(
    ("name", "rule", "sentence"),
    [
        ("pairs", "apart:p1:p2", "must-not-share pair 'p1' and 'p2'; suggestion: drop this pair"),
        ("team count", "teams max", "team count (at most 2 teams, --teams) for "),
        ("must lead", "lead:ana", "mentor 'ana' must lead a team; suggestion: drop --must-lead"),
        ("level mix", "level mix", "level mix (a senior or professional on every team) for "),
        ("meeting", "meeting", "meeting overlap (every member free for one 1-hour block"),
    ],
)
def test_each_rule_is_named_with_people_and_a_suggestion(
    name: str, rule: str, sentence: str
) -> None:
    result = _solve(CASES[name]())
    assert rule in result.core
    assert any(reason.startswith(sentence) for reason in result.reasons[1:]), result.reasons


def test_a_counted_rule_says_by_how_much() -> None:
    result = _solve(_team_count())
    # 24 mentees in teams of at most 5 need 5 teams: at most 2 is 3 short
    assert any("team count (at most 2 teams" in r and "raise it by 3" in r for r in result.reasons)
    # or teams of 12 fit 24 mentees in 2 teams: the maximum size is 7 short
    assert any("raise the maximum by 7 (to 12)" in r for r in result.reasons)


def test_the_meeting_case_names_who_cannot_meet() -> None:
    result = _solve(_meeting())
    line = next(r for r in result.reasons if r.startswith("meeting overlap"))
    assert "'early'" in line
    assert "'late'" in line
