"""form_teams: verified by check_teams on random sign-ups, deterministic, and explains failure."""

from __future__ import annotations

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from cohort.config.model import Level
from cohort.matching.model import MenteeSignup, MentorSignup, ProjectInfo, Rules
from cohort.matching.solve import form_teams
from cohort.matching.synthetic import signups
from cohort.matching.verify import check_teams

PROJECTS = (ProjectInfo("web", frozenset({"css"})), ProjectInfo("api", frozenset({"python"})))
LEVELS: tuple[Level, ...] = ("first-year", "second-year", "senior", "professional")


def _block(start: int, length: int) -> int:
    return sum(1 << ((start + i) % 336) for i in range(length))


@st.composite
def planted(draw: st.DrawFn) -> tuple[list[MenteeSignup], list[MentorSignup]]:
    """Sign-ups with a valid answer planted in them, plus random noise."""
    mentees: list[MenteeSignup] = []
    mentors: list[MentorSignup] = []
    for t in range(draw(st.integers(1, 3))):
        meet = draw(st.integers(0, 335))
        project = draw(st.sampled_from(PROJECTS))
        mentors.append(
            MentorSignup(
                f"m{t}",
                f"M {t}",
                frozenset({"css", "python"}),
                draw(st.integers(1, 2)),
                _block(meet, 4) | draw(st.integers(0, (1 << 336) - 1)),
                (project.id,),
                True,
            )
        )
        for j in range(draw(st.integers(3, 4))):
            level: Level = "senior" if j == 0 else draw(st.sampled_from(LEVELS))
            prefs = draw(st.permutations([p.id for p in PROJECTS]))
            mentees.append(
                MenteeSignup(
                    f"e{t}-{j}",
                    f"E {t} {j}",
                    level,
                    {"css": draw(st.sampled_from((1, 2, 3)))},
                    _block(meet, 2) | draw(st.integers(0, (1 << 336) - 1)),
                    tuple(prefs),
                )
            )
    return mentees, mentors


RULES = Rules(min_size=3, max_size=4, meeting_hours=1)


@seed(20270201)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planted())
def test_teams_formed_from_feasible_signups_break_no_rule(
    case: tuple[list[MenteeSignup], list[MentorSignup]],
) -> None:
    mentees, mentors = case
    result = form_teams(mentees, PROJECTS, mentors, RULES, seed=1, time_limit=2)
    assert result.status in ("optimal", "feasible")
    assert check_teams(result.teams, mentees, PROJECTS, mentors, RULES) == []


@seed(7)
@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(3, 9), st.integers(1, 3))
def test_any_signups_give_valid_teams_or_a_reason(number: int, people: int, leads: int) -> None:
    data = signups(people, leads, 2, seed=number)
    result = form_teams(data.mentees, data.projects, data.mentors, RULES, seed=0, time_limit=2)
    if result.status == "infeasible":
        assert result.reasons
        assert all(":" in reason for reason in result.reasons)
    else:
        assert check_teams(result.teams, data.mentees, data.projects, data.mentors, RULES) == []


def test_the_same_seed_gives_the_same_teams() -> None:
    data = signups(20, 5, 3, seed=3)
    runs = [
        form_teams(data.mentees, data.projects, data.mentors, RULES, seed=5, time_limit=3)
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert runs[0].teams


def test_too_little_mentor_capacity_is_explained_with_numbers() -> None:
    data = signups(12, 1, 2, seed=1)
    result = form_teams(data.mentees, data.projects, data.mentors, RULES, seed=0, time_limit=2)
    assert result.status == "infeasible"
    assert any(r.startswith("mentor capacity:") and "for 12 mentees" in r for r in result.reasons)


def test_a_must_share_group_larger_than_a_team_names_the_people() -> None:
    data = signups(8, 3, 2, seed=2)
    rules = Rules(
        3,
        4,
        pairs=(
            ("mentee-1", "mentee-2"),
            ("mentee-2", "mentee-3"),
            ("mentee-3", "mentee-4"),
            ("mentee-4", "mentee-5"),
        ),
    )
    result = form_teams(data.mentees, data.projects, data.mentors, rules, seed=0, time_limit=2)
    assert result.status == "infeasible"
    assert (
        "must-share pairs: 'mentee-1', 'mentee-2', 'mentee-3', 'mentee-4', 'mentee-5'"
        in (result.reasons[0])
    )


def test_only_beginners_without_permission_is_explained() -> None:
    data = signups(6, 2, 2, seed=4)
    beginners = [m.__class__(**{**m.__dict__, "level": "first-year"}) for m in data.mentees]
    result = form_teams(beginners, data.projects, data.mentors, RULES, seed=0, time_limit=2)
    assert result.status == "infeasible"
    assert any(r.startswith("level mix:") for r in result.reasons)


def test_a_conflict_found_by_the_solver_names_the_pair() -> None:
    mentor = MentorSignup("lead", "Lead", frozenset({"css"}), 1, _block(0, 8), ("web",), True)
    people = [
        MenteeSignup(f"p{i}", f"P {i}", "senior", {}, _block(0, 8), ("web",)) for i in range(3)
    ]
    rules = Rules(3, 3, apart=(("p0", "p1"),))
    result = form_teams(people, PROJECTS, [mentor], rules, seed=0, time_limit=2)
    assert result.status == "infeasible"
    assert any(
        r.startswith("must-not-share pair 'p0' and 'p1'; suggestion: drop this pair")
        for r in result.reasons
    )


def test_the_infeasible_core_is_shrunk_to_the_pairs_that_clash() -> None:
    mentor = MentorSignup("lead", "Lead", frozenset({"css"}), 2, _block(0, 8), ("web",), True)
    people = [
        MenteeSignup(
            f"p{i}",
            f"P {i}",
            "senior",
            {},
            _block(0, 8),
            ("web",),
            with_people=("p2",) if i == 0 else (),
        )
        for i in range(6)
    ]
    apart = (("p1", "p2"), ("p1", "p3"), ("p1", "p4"))
    result = form_teams(people, PROJECTS, [mentor], Rules(3, 3, apart=apart), seed=0, time_limit=2)
    assert result.core == (
        "apart:p1:p2",
        "apart:p1:p3",
        "apart:p1:p4",
        "place:p1",
        "size min",
        "together:p0:p2",
    )
