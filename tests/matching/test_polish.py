"""The local search: it only ever raises the decomposition's key, keeps every rule, and the
moves it makes (pull, swap, dissolve, first choices) give exactly the teams worked out by hand."""

from __future__ import annotations

import dataclasses

from cohort.matching.lns import key
from cohort.matching.model import (
    FormedTeam,
    MenteeSignup,
    MentorSignup,
    ProjectInfo,
    Rules,
    Signups,
)
from cohort.matching.polish import polish
from cohort.matching.solve import form_teams
from cohort.matching.synthetic import signups
from cohort.matching.verify import check_teams

WEB = ProjectInfo("web", frozenset({"css"}))
DATA = ProjectInfo("data", frozenset({"sql"}))
EVENINGS = ((1 << 8) - 1) << 36  # Monday 18:00-22:00 UTC


def _mentee(
    handle: str, level: str, prefs: tuple[str, ...], skills: dict[str, int] | None = None
) -> MenteeSignup:
    return MenteeSignup(handle, handle, level, skills or {}, EVENINGS, prefs)  # type: ignore[arg-type]


def _mentor(handle: str, project: ProjectInfo, capacity: int = 1) -> MentorSignup:
    return MentorSignup(handle, handle, project.skills, capacity, EVENINGS, (project.id,), True)


def _team(slug: str, project: str, mentor: str, *members: str) -> FormedTeam:
    return FormedTeam(slug, project, members, (mentor,), 36)


def _valid(data: Signups, rules: Rules, teams: tuple[FormedTeam, ...]) -> None:
    assert check_teams(teams, data.mentees, data.projects, data.mentors, rules) == []


def _crossed() -> Signups:
    """Two seniors, each on their second choice beside a first-year on their only one."""
    people = (
        _mentee("a", "senior", ("web", "data")),
        _mentee("b", "senior", ("data", "web")),
        _mentee("c", "first-year", ("web",)),
        _mentee("d", "first-year", ("data",)),
    )
    return Signups(people, (_mentor("m-web", WEB), _mentor("m-data", DATA)), (WEB, DATA))


def test_a_swap_puts_both_mentees_on_their_first_choice() -> None:
    data = _crossed()
    rules = Rules(min_size=2, max_size=2)
    start = (_team("web-1", "web", "m-web", "b", "c"), _team("data-1", "data", "m-data", "a", "d"))
    # before: web 4 + 6 + 2 levels * 3 = 16; data 4 + 6 + 6 = 16
    out = polish(data, rules, start, budget=10_000)
    _valid(data, rules, out.teams)
    assert {(t.project, t.mentees, t.score) for t in out.teams} == {
        ("web", ("a", "c"), 18),
        ("data", ("b", "d"), 18),
    }
    assert out.moves == 1


def test_a_low_team_is_dissolved_into_teams_with_room() -> None:
    people = tuple(
        _mentee(f"p{i}", "senior" if i % 2 else "first-year", ("web",)) for i in range(8)
    )
    mentors = (_mentor("m1", WEB), _mentor("m2", WEB), _mentor("m3", WEB))
    data = Signups(people, mentors, (WEB,))
    rules = Rules(min_size=2, max_size=4)
    start = (
        _team("web-1", "web", "m1", "p0", "p1", "p2"),
        _team("web-2", "web", "m2", "p3", "p4", "p5"),
        _team("web-3", "web", "m3", "p6", "p7"),
    )
    # three teams score 24, 24 and 18; two teams of four score 30 each
    out = polish(data, rules, start, budget=10_000)
    _valid(data, rules, out.teams)
    assert sorted(len(t.mentees) for t in out.teams) == [4, 4]
    assert [t.score for t in out.teams] == [30, 30]
    assert {t.mentors[0] for t in out.teams} == {"m1", "m2"}


def test_a_dissolve_keeps_the_teams_asked_for_and_must_lead_mentors() -> None:
    people = tuple(
        _mentee(f"p{i}", "senior" if i % 2 else "first-year", ("web",)) for i in range(8)
    )
    data = Signups(people, (_mentor("m1", WEB), _mentor("m2", WEB), _mentor("m3", WEB)), (WEB,))
    start = (
        _team("web-1", "web", "m1", "p0", "p1", "p2"),
        _team("web-2", "web", "m2", "p3", "p4", "p5"),
        _team("web-3", "web", "m3", "p6", "p7"),
    )
    three = polish(data, Rules(min_size=2, max_size=4, teams_min=3), start, budget=10_000)
    assert sorted(len(t.mentees) for t in three.teams) == [2, 3, 3]
    must = polish(data, Rules(min_size=2, max_size=4, must_lead=("M3",)), start, budget=10_000)
    _valid(data, Rules(min_size=2, max_size=4, must_lead=("M3",)), must.teams)
    # m3's only team stays; the next lowest team is spread instead
    assert [t.score for t in must.teams] == [30, 30]
    assert {t.mentors[0] for t in must.teams} == {"m2", "m3"}


def test_first_choices_rise_when_the_scores_stay() -> None:
    # a and b score 6 on either project (a 2nd choice with a skill of 2 equals a 1st choice)
    people = (
        _mentee("a", "senior", ("web", "data"), {"sql": 2}),
        _mentee("b", "senior", ("data", "web"), {"css": 2}),
        _mentee("c", "senior", ("web",)),
        _mentee("d", "senior", ("data",)),
    )
    data = Signups(people, (_mentor("m-web", WEB), _mentor("m-data", DATA)), (WEB, DATA))
    rules = Rules(min_size=2, max_size=2)
    start = (_team("web-1", "web", "m-web", "b", "c"), _team("data-1", "data", "m-data", "a", "d"))
    without = polish(data, rules, start, budget=10_000, first=False)
    assert without.teams == tuple(dataclasses.replace(t, score=15) for t in start)
    out = polish(data, rules, start, budget=10_000)
    _valid(data, rules, out.teams)
    assert {(t.project, t.mentees, t.score) for t in out.teams} == {
        ("web", ("a", "c"), 15),
        ("data", ("b", "d"), 15),
    }


def test_pairs_are_kept_and_nothing_moves_without_budget() -> None:
    data = _crossed()
    start = (_team("web-1", "web", "m-web", "b", "c"), _team("data-1", "data", "m-data", "a", "d"))
    scored = tuple(dataclasses.replace(t, score=16) for t in start)
    paired = Rules(min_size=2, max_size=2, pairs=(("b", "c"),))
    assert polish(data, paired, start, budget=10_000).teams == scored
    apart = Rules(min_size=2, max_size=2, apart=(("a", "c"),))
    assert polish(data, apart, start, budget=10_000).teams == scored
    assert polish(data, Rules(2, 2), start, budget=0).teams == scored


def test_polish_keeps_every_rule_and_only_raises_the_key() -> None:
    data = signups(40, 10, 4, seed=5)
    rules = Rules(min_size=3, max_size=5, no_isolation=True)
    start = form_teams(
        data.mentees, data.projects, data.mentors, rules, time_limit=0.5, decompose=False
    ).teams
    assert start
    out = polish(data, rules, start, budget=200_000)
    _valid(data, rules, out.teams)
    assert key(out.teams) > key(start)  # here the solver's short answer has room to improve
    assert polish(data, rules, start, budget=200_000) == out  # deterministic


def test_a_solver_answer_not_proven_optimal_is_polished_and_keeps_its_bound() -> None:
    data = signups(40, 10, 4, seed=5)
    rules = Rules(min_size=3, max_size=5, no_isolation=True)
    args = (data.mentees, data.projects, data.mentors, rules)
    raw = form_teams(*args, time_limit=0.5, decompose=False)
    polished = form_teams(*args, time_limit=0.5)
    assert raw.status == polished.status == "feasible"
    _valid(data, rules, polished.teams)
    assert key(polished.teams) > key(raw.teams)
    assert polished.objective == polished.worst * polished.scale + polished.total
    assert polished.bound == raw.bound >= polished.objective  # the solver's proven bound
    assert any("local search" in note for note in polished.notes)
