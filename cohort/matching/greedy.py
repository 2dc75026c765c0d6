"""A greedy baseline for the benchmark: each mentee joins the best open team that still meets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cohort.matching.candidates import Candidate, Slot, candidates, mentor_slots
from cohort.matching.model import (
    BEGINNER_LEVELS,
    FormedTeam,
    MenteeSignup,
    MentorSignup,
    ProjectInfo,
    Result,
    Rules,
    Signups,
)
from cohort.matching.scoring import contribution, team_score
from cohort.matching.timegrid import bits


@dataclass
class OpenTeam:
    """A team being filled by the greedy pass."""

    slot: Slot
    project: ProjectInfo | None = None
    starts: int = 0
    members: list[MenteeSignup] = field(default_factory=list)


def greedy_teams(
    mentees: Sequence[MenteeSignup],
    projects: Sequence[ProjectInfo],
    mentors: Sequence[MentorSignup],
    rules: Rules,
) -> Result:
    """Mentees with the fewest options first, each to the open slot where they add most.

    Respects capacity, team size maximum and the meeting; ignores minimum size, level mix,
    isolation and pairs (the verifier shows what that costs).
    """
    data = Signups(tuple(mentees), tuple(mentors), tuple(projects))
    slots, notes = mentor_slots(data, rules)
    teams = greedy_slots(data, slots, candidates(data, slots, rules), rules)
    formed = _formed(teams)
    scores = [team.score for team in formed]
    return Result("feasible", formed, min(scores, default=0), sum(scores), notes=tuple(notes))


def greedy_slots(
    data: Signups, slots: list[Slot], cands: Sequence[Candidate], rules: Rules
) -> list[OpenTeam]:
    """The greedy fill of ``slots``: seniors open teams, then the least flexible go first."""
    options: dict[int, list[tuple[int, int]]] = {}
    for cand in cands:
        options.setdefault(cand.mentee, []).append((cand.slot, cand.starts))
    teams = [OpenTeam(slot, starts=slot.starts) for slot in slots]

    def order(i: int) -> tuple[bool, int, int]:
        return (data.mentees[i].level in BEGINNER_LEVELS, len(options.get(i, [])), i)

    target = -(-len(data.mentees) // ((rules.min_size + rules.max_size + 1) // 2))
    target = max(target, rules.teams_min or 0)
    if rules.teams_max is not None:
        target = min(target, rules.teams_max)
    for i in sorted(range(len(data.mentees)), key=order):
        opened = sum(1 for team in teams if team.members)
        _place(data.mentees[i], options.get(i, []), teams, rules, may_open=opened < target)
    _repair(teams, options, data, rules)
    _top_up(teams, options, data, rules)
    if not rules.allow_all_beginner:
        _add_seniors(teams, options, data, rules)
    return _in_order(teams)


def _in_order(teams: list[OpenTeam]) -> list[OpenTeam]:
    """Each mentor's used slots first (the solver fills a mentor's slots in order)."""
    by_mentor: dict[str, list[OpenTeam]] = {}
    for team in teams:
        by_mentor.setdefault(team.slot.mentor.handle, []).append(team)
    for group in by_mentor.values():
        states = sorted(((t.project, t.starts, t.members) for t in group), key=lambda s: not s[2])
        for team, (project, starts, members) in zip(group, states, strict=True):
            team.project, team.starts, team.members = project, starts, members
    return teams


def _top_up(
    teams: list[OpenTeam], options: dict[int, list[tuple[int, int]]], data: Signups, rules: Rules
) -> None:
    """Fill teams under the minimum size with members that larger teams can spare."""
    can_join: dict[int, list[tuple[int, int]]] = {}
    for i, opts in options.items():
        for k, common in opts:
            can_join.setdefault(k, []).append((i, common))
    home = {id(m): t for t in teams for m in t.members}
    for team in teams:
        for i, common in can_join.get(team.slot.index, []):
            if len(team.members) >= _low(team, rules):
                break
            mentee = data.mentees[i]
            donor = home.get(id(mentee))
            if donor is None or donor is team or not team.members or not team.starts & common:
                continue
            if len(donor.members) <= _low(donor, rules) or not _spare(mentee, donor):
                continue
            donor.members.remove(mentee)
            team.members.append(mentee)
            team.starts &= common
            home[id(mentee)] = team


def _add_seniors(
    teams: list[OpenTeam], options: dict[int, list[tuple[int, int]]], data: Signups, rules: Rules
) -> None:
    """Give each all-beginner team a senior that a team with two or more can spare."""
    home = {id(m): t for t in teams for m in t.members}
    for team in teams:
        if not team.members or not all(m.level in BEGINNER_LEVELS for m in team.members):
            continue
        for i, mentee in enumerate(data.mentees):
            donor = home.get(id(mentee))
            common = dict(options.get(i, [])).get(team.slot.index, 0)
            if (
                donor is None
                or donor is team
                or mentee.level in BEGINNER_LEVELS
                or not team.starts & common
                or len(team.members) >= _high(team, rules)
                or len(donor.members) <= _low(donor, rules)
                or not _spare(mentee, donor)
            ):
                continue
            donor.members.remove(mentee)
            team.members.append(mentee)
            team.starts &= common
            home[id(mentee)] = team
            break
        else:
            _swap_senior(team, teams, options, data)


def _swap_senior(
    team: OpenTeam, teams: list[OpenTeam], options: dict[int, list[tuple[int, int]]], data: Signups
) -> None:
    """Swap one of the team's beginners with a senior of a team that has two or more."""
    index = {id(m): i for i, m in enumerate(data.mentees)}
    for donor in teams:
        if donor is team or not donor.members:
            continue
        seniors = [m for m in donor.members if m.level not in BEGINNER_LEVELS]
        for senior in [m for m in seniors if _spare(m, donor)]:
            into = dict(options.get(index[id(senior)], [])).get(team.slot.index, 0)
            for beginner in team.members:
                back = dict(options.get(index[id(beginner)], [])).get(donor.slot.index, 0)
                if team.starts & into and donor.starts & back:
                    donor.members[donor.members.index(senior)] = beginner
                    team.members[team.members.index(beginner)] = senior
                    team.starts &= into
                    donor.starts &= back
                    return


def _low(team: OpenTeam, rules: Rules) -> int:
    """The team's minimum size: its project's, else the smallest of the slot's projects."""
    if team.project is not None:
        return rules.size_of(team.project.id)[0]
    return min(rules.size_of(p.id)[0] for p in team.slot.projects)


def _high(team: OpenTeam, rules: Rules) -> int:
    """The team's maximum size: its project's, else the largest of the slot's projects."""
    if team.project is not None:
        return rules.size_of(team.project.id)[1]
    return max(rules.size_of(p.id)[1] for p in team.slot.projects)


def _spare(mentee: MenteeSignup, donor: OpenTeam) -> bool:
    """Whether the donor keeps a senior or professional without ``mentee``."""
    return any(m is not mentee and m.level not in BEGINNER_LEVELS for m in donor.members)


def _repair(
    teams: list[OpenTeam], options: dict[int, list[tuple[int, int]]], data: Signups, rules: Rules
) -> None:
    """Dissolve teams under the minimum size into other open teams where everyone fits."""
    index = {id(m): i for i, m in enumerate(data.mentees)}
    for team in sorted(teams, key=lambda t: len(t.members)):
        if not 0 < len(team.members) < _low(team, rules):
            continue
        moves: list[tuple[MenteeSignup, OpenTeam, int]] = []
        room = {id(t): _high(t, rules) - len(t.members) for t in teams}
        for member in team.members:
            spot = next(
                (
                    (teams[k], common)
                    for k, common in options.get(index[id(member)], [])
                    if teams[k] is not team
                    and len(teams[k].members) >= _low(teams[k], rules)
                    and room[id(teams[k])] > 0
                    and teams[k].starts & common
                ),
                None,
            )
            if spot is None:
                break
            room[id(spot[0])] -= 1
            moves.append((member, spot[0], spot[1]))
        if len(moves) == len(team.members):
            for member, target, common in moves:
                target.members.append(member)
                target.starts &= common
            team.members.clear()
            team.project = None


def _gain(mentee: MenteeSignup, team: OpenTeam) -> tuple[int, ProjectInfo]:
    if team.project is not None:
        senior = mentee.level not in BEGINNER_LEVELS
        crowded = senior and any(m.level not in BEGINNER_LEVELS for m in team.members)
        return contribution(mentee, team.project) - 50 * crowded, team.project
    best = max(team.slot.projects, key=lambda p: (contribution(mentee, p), p.id))
    if mentee.level not in BEGINNER_LEVELS:
        return contribution(mentee, best) + 100, best  # seniors open teams
    return contribution(mentee, best) - 100, best  # others fill teams already open


def _place(
    mentee: MenteeSignup,
    options: list[tuple[int, int]],
    teams: list[OpenTeam],
    rules: Rules,
    *,
    may_open: bool,
) -> None:
    best: tuple[int, int, ProjectInfo] | None = None
    fits = [
        k
        for k, common in options
        if len(teams[k].members) < _high(teams[k], rules) and teams[k].starts & common
    ]
    joinable = any(teams[k].members for k in fits)
    for k in fits:
        team = teams[k]
        if not team.members and not may_open and joinable:
            continue
        gain, project = _gain(mentee, team)
        if best is None or gain > best[0]:
            best = (gain, k, project)
    if best is not None:
        team = teams[best[1]]
        team.project = best[2]
        team.starts &= dict(options)[best[1]]
        team.members.append(mentee)


def _formed(teams: list[OpenTeam]) -> tuple[FormedTeam, ...]:
    out = []
    counts: dict[str, int] = {}
    for team in teams:
        if not team.members or team.project is None:
            continue
        pid = team.project.id
        counts[pid] = counts.get(pid, 0) + 1
        out.append(
            FormedTeam(
                slug=f"{pid[:34]}-{counts[pid]}",
                project=pid,
                mentees=tuple(sorted((m.handle for m in team.members), key=str.lower)),
                mentors=(team.slot.mentor.handle,),
                meeting_start=bits(team.starts)[0],
                score=team_score(team.members, team.project),
            )
        )
    return tuple(out)
