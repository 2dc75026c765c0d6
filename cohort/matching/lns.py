"""Decomposition for large inputs: re-solve small neighbourhoods of teams, keep what is better.

The whole-model solve gives a first answer; then, repeatedly, the lowest-scoring team and some
of the teams led by mentors its members could also meet with are taken apart, and their
mentees, those mentors (with any unused capacity) and every rule are solved again as a small
problem, starting from the current teams. A failed attempt takes the next neighbours of the
same team, then the next team. New teams replace the old ones only when the worst team, then
the number of teams at the worst score, then the total improve, and only when the verifier
accepts the whole. Neighbourhoods, limits and order are fixed: the answer is deterministic.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cohort.matching.candidates import Candidate, Slot
from cohort.matching.model import FormedTeam, MentorSignup, Rules, Signups
from cohort.matching.scoring import answer_key
from cohort.matching.verify import check_teams

NEIGHBOURHOOD = 9  # teams re-solved together


@dataclass(frozen=True)
class Outcome:
    teams: tuple[FormedTeam, ...]
    tried: int
    improved: int


def key(teams: Sequence[FormedTeam]) -> tuple[int, int, int]:
    """What the decomposition improves: worst team, fewer teams at the worst, total."""
    return answer_key([t.score for t in teams])


def improve(
    data: Signups,
    rules: Rules,
    slots: list[Slot],
    cands: list[Candidate],
    teams: tuple[FormedTeam, ...],
    *,
    steps: int,
    step_limit: float,
    seed: int,
    patience: int | None = None,
) -> Outcome:
    """Up to ``steps`` neighbourhood re-solves of ``step_limit`` deterministic seconds each,
    stopping after ``patience`` re-solves in a row that do not improve the answer."""
    from cohort.matching.solve import form_teams

    mentors = {m.handle.lower(): m for m in data.mentors}
    index = {m.handle.lower(): i for i, m in enumerate(data.mentees)}
    reach: dict[int, set[str]] = {}
    for cand in cands:
        reach.setdefault(cand.mentee, set()).add(slots[cand.slot].mentor.handle.lower())
    improved = skip = turn = tried = failed = 0
    for _ in range(steps):
        if patience is not None and failed >= patience:
            break
        order = sorted(teams, key=lambda t: (t.score, t.slug))
        if skip >= len(order):
            break
        tried += 1
        centre = order[skip]
        near = set().union(*(reach.get(index[h.lower()], set()) for h in centre.mentees))
        others = [t for t in order if t is not centre and t.mentors[0].lower() in near]
        width = NEIGHBOURHOOD - 1
        start = turn * width
        chosen = [centre, *(others + others)[start : start + min(width, len(others))]]
        sub, sub_rules = _subproblem(data, rules, teams, chosen, near, mentors)
        result = form_teams(
            sub.mentees,
            sub.projects,
            sub.mentors,
            sub_rules,
            seed=seed,
            time_limit=step_limit,
            decompose=False,
            start=chosen,
        )
        rest = tuple(t for t in teams if not any(t is c for c in chosen))
        candidate = renamed((*rest, *result.teams))
        if (
            result.teams
            and key(candidate) > key(teams)
            and not check_teams(candidate, data.mentees, data.projects, data.mentors, rules)
        ):
            teams, skip, turn, failed = candidate, 0, 0, 0
            improved += 1
            continue
        failed += 1
        if (turn + 1) * width < len(others):
            turn += 1  # the same centre with the next of its neighbours
        else:
            skip, turn = skip + 1, 0
    return Outcome(teams, tried, improved)


def _subproblem(
    data: Signups,
    rules: Rules,
    teams: tuple[FormedTeam, ...],
    chosen: list[FormedTeam],
    near: set[str],
    mentors: dict[str, MentorSignup],
) -> tuple[Signups, Rules]:
    people = {h.lower() for t in chosen for h in t.mentees}
    load = Counter(h.lower() for t in teams for h in t.mentors)
    inside = Counter(h.lower() for t in chosen for h in t.mentors)
    own = {h.lower() for t in chosen for h in t.mentors}
    sub_mentors = []
    for handle in sorted(own | near):
        mentor = mentors[handle]
        spare = mentor.capacity - load[handle] + inside[handle]
        if spare > 0:
            sub_mentors.append(dataclasses.replace(mentor, capacity=spare))
    outside = len(teams) - len(chosen)
    leading_outside = {h for h, n in load.items() if n > inside[h]}
    sub_rules = dataclasses.replace(
        rules,
        teams_min=None if rules.teams_min is None else max(1, rules.teams_min - outside),
        teams_max=None if rules.teams_max is None else rules.teams_max - outside,
        must_lead=tuple(
            h for h in rules.must_lead if h.lower() in own and h.lower() not in leading_outside
        ),
    )
    mentees = tuple(m for m in data.mentees if m.handle.lower() in people)
    return Signups(mentees, tuple(sub_mentors), data.projects), sub_rules


def renamed(teams: Sequence[FormedTeam]) -> tuple[FormedTeam, ...]:
    """Teams in mentor order with slugs numbered per project, as the solver names them."""
    counts: Counter[str] = Counter()
    out = []
    for team in sorted(teams, key=lambda t: (t.mentors[0].lower(), t.project, t.mentees)):
        counts[team.project] += 1
        out.append(dataclasses.replace(team, slug=f"{team.project[:34]}-{counts[team.project]}"))
    return tuple(out)
