"""Organizer controls: the number of teams asked for, mentors who must lead, nobody left out
silently, skills normalized, honest figures and a fallback that is never nothing."""

from __future__ import annotations

import dataclasses

import pytest

from cohort.matching.fields import skills
from cohort.matching.model import Rules, Signups
from cohort.matching.pipeline import left_out
from cohort.matching.scoring import team_score
from cohort.matching.solve import form_teams
from cohort.matching.synthetic import signups
from cohort.skills import normalize, skills_in_prose


@pytest.fixture(scope="module")
def data() -> Signups:
    found = signups(24, 8, 4, seed=3)
    every = tuple(dataclasses.replace(m, inducted=True, capacity=2) for m in found.mentors)
    return dataclasses.replace(found, mentors=every)


def test_asked_for_eight_teams_gets_eight(data: Signups) -> None:
    free = form_teams(
        data.mentees, data.projects, data.mentors, Rules(min_size=3, max_size=5), time_limit=2.0
    )
    asked = form_teams(
        data.mentees,
        data.projects,
        data.mentors,
        Rules(min_size=3, max_size=5, teams_min=8, teams_max=8),
        time_limit=2.0,
    )
    assert asked.status in ("optimal", "feasible")
    assert len(asked.teams) == 8
    assert len(free.teams) != 8  # the default would have chosen differently
    assert sorted(h for t in asked.teams for h in t.mentees) == sorted(
        m.handle for m in data.mentees
    )


def test_a_mentor_who_must_lead_leads_and_the_rest_are_reported(data: Signups) -> None:
    rules = Rules(min_size=3, max_size=5, teams_min=6, teams_max=6)
    first = form_teams(data.mentees, data.projects, data.mentors, rules, time_limit=2.0)
    idle = sorted({m.handle for m in data.mentors} - {h for t in first.teams for h in t.mentors})
    assert idle
    chosen = idle[0]
    forced = form_teams(
        data.mentees,
        data.projects,
        data.mentors,
        dataclasses.replace(rules, must_lead=(chosen,)),
        time_limit=2.0,
    )
    assert chosen in {h for t in forced.teams for h in t.mentors}
    notes = left_out(forced, data, rules)
    leading = {h for t in forced.teams for h in t.mentors}
    assert len(notes) == len({m.handle for m in data.mentors} - leading)
    assert all("leads no team" in note and "--teams" in note for note in notes)


def test_an_impossible_team_count_is_explained_by_rule(data: Signups) -> None:
    rules = Rules(min_size=3, max_size=5, teams_min=2, teams_max=2)  # 24 mentees, at most 10
    result = form_teams(data.mentees, data.projects, data.mentors, rules, time_limit=2.0)
    assert result.status == "infeasible"
    assert "teams max" in result.core
    assert any(r.startswith("team count (at most 2 teams, --teams)") for r in result.reasons)


def test_figures_come_from_the_decoded_teams(data: Signups) -> None:
    result = form_teams(
        data.mentees, data.projects, data.mentors, Rules(min_size=3, max_size=5), time_limit=2.0
    )
    projects = {p.id: p for p in data.projects}
    mentees = {m.handle: m for m in data.mentees}
    scores = [
        team_score([mentees[h] for h in t.mentees], projects[t.project]) for t in result.teams
    ]
    assert result.worst == min(scores)
    assert result.total == sum(scores)
    assert result.objective == result.worst * result.scale + result.total
    assert result.bound >= result.objective


def test_no_solver_answer_falls_back_to_the_greedy_teams_and_says_so(data: Signups) -> None:
    result = form_teams(
        data.mentees, data.projects, data.mentors, Rules(min_size=3, max_size=5), time_limit=1e-9
    )
    assert result.teams  # never nothing
    assert not result.bound_known
    assert result.gap == 1.0  # never printed as 0 %
    assert any("greedy teams" in note for note in result.notes)


@pytest.mark.parametrize(
    ("written", "one"),
    [
        ("Go", "go"),
        ("GO", "go"),
        ("Golang", "go"),
        ("Go (required)", "go"),
        ("JS", "javascript"),
        ("React.JS", "react"),
        ("python3", "python"),
        (" Node.js ", "node.js"),
    ],
)
def test_skill_spellings_fold_to_one(written: str, one: str) -> None:
    assert normalize(written) == one


def test_program_aliases_extend_the_table() -> None:
    assert normalize("Rust-lang", {"rust-lang": "rust"}) == "rust"


def test_prose_skill_answers_keep_the_skills_they_name() -> None:
    answer = "I mostly do backend work in Golang and Python, some React and a bit of k8s"
    assert skills(answer) == {"go": 2, "python": 2, "react": 2, "kubernetes": 2}
    assert skills_in_prose("we go hiking on weekends") == frozenset()  # 'go' the verb
    assert skills("Go (required), python: advanced") == {"go": 2, "python": 3}
