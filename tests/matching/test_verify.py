"""check_teams finds every broken rule in hand-made teams."""

from __future__ import annotations

from cohort.matching.model import FormedTeam, MenteeSignup, MentorSignup, ProjectInfo, Rules
from cohort.matching.verify import check_teams

WEB = ProjectInfo("web", frozenset({"css"}))
ALL_WEEK = (1 << 336) - 1
LEAD = MentorSignup("lead", "Lead", frozenset({"css"}), 1, ALL_WEEK, ("web",), True)
NEW = MentorSignup("new", "New", frozenset(), 1, ALL_WEEK, ("web",), False)


def _mentee(
    handle: str, level: str = "first-year", free: int = ALL_WEEK, **kw: object
) -> MenteeSignup:
    return MenteeSignup(handle, handle, level, {}, free, **kw)  # type: ignore[arg-type]


def test_valid_teams_have_no_violations() -> None:
    people = [_mentee("a", "senior"), _mentee("b"), _mentee("c")]
    team = FormedTeam("t1", "web", ("a", "b", "c"), ("lead",), 0)
    assert check_teams([team], people, [WEB], [LEAD], Rules(3, 3)) == []


def test_every_broken_rule_is_listed() -> None:
    people = [
        _mentee("a", attributes=frozenset({"g"})),
        _mentee("b", free=0b11 << 100, not_with=("a",)),
        _mentee("c", with_people=("d",)),
        _mentee("d"),
    ]
    teams = [
        FormedTeam("t1", "web", ("a", "b"), ("new",), 0),
        FormedTeam("t2", "web", ("d", "d"), ("lead",), 0),
    ]
    found = {
        (v.constraint, v.team)
        for v in check_teams(teams, people, [WEB], [LEAD, NEW], Rules(3, 3, no_isolation=True))
    }
    assert found == {
        ("team size", "t1"),
        ("team size", "t2"),
        ("inducted mentor with the project's skills", "t1"),
        ("level mix", "t1"),
        ("level mix", "t2"),
        ("shared meeting time", "t1"),
        ("no isolation", "t1"),
        ("must not share a team", "t1"),
        ("must share a team", ""),
        ("one team each", ""),
    }


def test_over_capacity_and_unknown_project_are_reported() -> None:
    people = [_mentee(h, "senior") for h in "abcdef"]
    teams = [
        FormedTeam("t1", "web", ("a", "b", "c"), ("lead",), 0),
        FormedTeam("t2", "cli", ("d", "e", "f"), ("lead",), 0),
    ]
    found = {v.constraint for v in check_teams(teams, people, [WEB], [LEAD], Rules(3, 3))}
    assert found == {"mentor capacity", "known projects"}
