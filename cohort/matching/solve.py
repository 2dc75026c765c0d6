"""``form_teams``: deterministic, seeded CP-SAT team formation with a proven gap."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ortools.sat.python import cp_model

from cohort.matching.bound import averaging_bound
from cohort.matching.candidates import (
    Candidate,
    Slot,
    candidates,
    mentor_slots,
    prune_windows,
)
from cohort.matching.cpsat import Builder
from cohort.matching.diagnose import precheck
from cohort.matching.greedy import OpenTeam, greedy_slots, greedy_teams
from cohort.matching.iis import Checker, minimal_core, suggestions
from cohort.matching.lns import NEIGHBOURHOOD, improve, key, renamed
from cohort.matching.model import (
    FormedTeam,
    MenteeSignup,
    MentorSignup,
    ProjectInfo,
    Result,
    Rules,
    Signups,
)
from cohort.matching.polish import polish
from cohort.matching.scoring import team_score
from cohort.matching.timegrid import bits
from cohort.matching.verify import check_teams

TRIM_ABOVE = 20_000  # (mentee, slot) pairs; above this each mentee keeps its best mentors
TRIM_TO = 10
WHOLE_SHARE = 0.25  # large inputs: share of the budget for the whole model, the rest decomposed
STEP_LIMIT = 1.0  # deterministic seconds per neighbourhood
PATIENCE = 8  # neighbourhoods in a row that fail before the decomposition stops
POLISH_PER_SECOND = 100_000  # local-search team evaluations per deterministic second


def form_teams(
    mentees: Sequence[MenteeSignup],
    projects: Sequence[ProjectInfo],
    mentors: Sequence[MentorSignup],
    rules: Rules,
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    decompose: bool = True,
    start: Sequence[FormedTeam] = (),
) -> Result:
    """Teams that meet every rule, maximising the worst team's score, then the total.

    Deterministic: one worker, a fixed ``seed`` and a *deterministic* time limit
    (``time_limit`` in CP-SAT's deterministic seconds), so equal inputs give equal teams.
    """
    data = Signups(tuple(mentees), tuple(mentors), tuple(projects))
    slots, cands, notes, trim = _prepare(data, rules)
    if not data.mentees:
        return Result("optimal", notes=tuple(notes))
    reasons = precheck(data, rules, slots, cands)
    if reasons:
        return Result("infeasible", reasons=tuple(reasons), notes=tuple(notes))
    builder = Builder(data, rules, slots, cands)
    model = builder.build()
    if start:
        _hint_teams(builder, start)
    elif trim:
        _hint(builder, greedy_slots(data, slots, cands, rules))
    solver = _solver(seed, time_limit * WHOLE_SHARE if trim else time_limit)
    status = solver.solve(model)
    if solver.wall_time >= 0.99 * solver.parameters.max_time_in_seconds:
        notes.append(
            f"cut by the wall clock after {solver.wall_time:.0f} s, before the deterministic "
            "limit: this machine was too slow or too loaded for the answer to be repeatable"
        )
    if status == cp_model.INFEASIBLE:
        why, names = _core(data, rules, slots, cands, seed, time_limit)
        return Result("infeasible", reasons=tuple(why), notes=tuple(notes), core=names)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _greedy_fallback(data, rules, notes)
    result = _result(status, builder, solver, slots, notes)
    if trim and decompose:
        result = _decomposed(result, builder, slots, cands, seed=seed, time_limit=time_limit)
    elif decompose and status == cp_model.FEASIBLE:
        result = _polish_result(result, builder, time_limit)
    return result


def _polished(
    data: Signups, rules: Rules, teams: tuple[FormedTeam, ...], time_limit: float
) -> tuple[FormedTeam, ...]:
    """``teams`` after the local search of :mod:`polish`, when the verifier accepts them."""
    budget = int(POLISH_PER_SECOND * time_limit)
    try:
        better = renamed(polish(data, rules, teams, budget=budget).teams)
    except ValueError:  # a team the local search cannot model (the verifier decides below)
        return teams
    if key(better) < key(teams) or check_teams(
        better, data.mentees, data.projects, data.mentors, rules
    ):
        return teams
    return better


def _polish_result(result: Result, builder: Builder, time_limit: float) -> Result:
    """A solver answer not proven optimal, improved by the local search; the bound stays."""
    teams = _polished(builder.data, builder.rules, result.teams, time_limit)
    scores = [team.score for team in teams]
    worst, total = min(scores), sum(scores)
    objective = worst * builder.scale + total
    if objective <= result.objective:
        return result
    return dataclasses.replace(
        result,
        teams=teams,
        worst=worst,
        total=total,
        objective=objective,
        bound=max(result.bound, objective),
        notes=(*result.notes, "the solver's answer was improved by a local search (swaps)"),
    )


def _decomposed(
    result: Result,
    builder: Builder,
    slots: list[Slot],
    cands: list[Candidate],
    *,
    seed: int,
    time_limit: float,
) -> Result:
    """Large inputs: improve the whole-model answer by neighbourhoods (:mod:`lns`), and bound
    it by the averaging bound (:mod:`bound`), which holds for the untrimmed problem."""
    data, rules = builder.data, builder.rules
    steps = int(time_limit * (1 - WHOLE_SHARE) / STEP_LIMIT)
    start = result.teams
    greedy = greedy_teams(data.mentees, data.projects, data.mentors, rules).teams
    if key(greedy) > key(start) and not check_teams(
        greedy, data.mentees, data.projects, data.mentors, rules
    ):
        start = greedy  # never worse than a greedy answer that meets every rule
    start = _polished(data, rules, start, time_limit)
    out = improve(
        data,
        rules,
        slots,
        cands,
        start,
        steps=steps,
        step_limit=STEP_LIMIT,
        seed=seed,
        patience=PATIENCE,
    )
    teams = _polished(data, rules, out.teams, time_limit)
    scores = [team.score for team in teams]
    worst, total = min(scores), sum(scores)
    full, _ = mentor_slots(data, rules)
    bound = averaging_bound(data, rules, full, builder.slot_bound())
    note = (
        f"large input, decomposed: after the whole-model solve and a local search (swaps), "
        f"{out.tried} neighbourhoods of up to {NEIGHBOURHOOD} teams were re-solved and "
        f"{out.improved} improved the answer, then the local search ran again; "
        f"the bound is the averaging bound (worst team at most {bound.worst}), not the solver's"
    )
    return dataclasses.replace(
        result,
        status="feasible",
        teams=teams,
        worst=worst,
        total=total,
        objective=worst * builder.scale + total,
        bound=max(worst * builder.scale + total, bound.worst * builder.scale + bound.total),
        notes=(*result.notes, note),
    )


def rule_checker(
    mentees: Sequence[MenteeSignup],
    projects: Sequence[ProjectInfo],
    mentors: Sequence[MentorSignup],
    rules: Rules,
    *,
    seed: int = 0,
) -> Checker:
    """The model ``form_teams`` explains infeasibility with: can a set of rules hold?"""
    data = Signups(tuple(mentees), tuple(mentors), tuple(projects))
    slots, cands, _, _ = _prepare(data, rules)
    return Checker(data, rules, slots, cands, seed=seed)


def _greedy_fallback(data: Signups, rules: Rules, notes: list[str]) -> Result:
    """The best known answer when the solver found none in time: the greedy one, said so."""
    greedy = greedy_teams(data.mentees, data.projects, data.mentors, rules)
    note = (
        "the solver found no answer within the time limit; these are the greedy teams "
        "(check the verifier's findings; raise --time-limit for a solver answer)"
    )
    scale = max(1, greedy.total + 1)
    return dataclasses.replace(
        greedy,
        objective=greedy.worst * scale + greedy.total,
        scale=scale,
        bound_known=False,
        notes=(*notes, *greedy.notes, note),
    )


def _prepare(data: Signups, rules: Rules) -> tuple[list[Slot], list[Candidate], list[str], bool]:
    """Slots, candidates (trimmed for large inputs, meeting starts pruned) and notes."""
    slots, notes = mentor_slots(data, rules)
    trim = len(data.mentees) * len(slots) > TRIM_ABOVE
    slots, cands = prune_windows(slots, candidates(data, slots, rules, TRIM_TO if trim else None))
    if trim:
        notes.append(
            f"large input: each mentee considered with their {TRIM_TO} best-fitting mentors; "
            "the bound below still holds for every mentor"
        )
    return slots, cands, notes, trim


def _result(
    status: cp_model.CpSolverStatus,
    builder: Builder,
    solver: cp_model.CpSolver,
    slots: list[Slot],
    notes: list[str],
) -> Result:
    teams = _decode(builder, solver, builder.data, slots)
    scores = [team.score for team in teams]
    worst, total = min(scores, default=0), sum(scores)
    objective = worst * builder.scale + total  # from the decoded teams, not the solver's value
    return Result(
        "optimal" if status == cp_model.OPTIMAL else "feasible",
        teams=teams,
        worst=worst,
        total=total,
        objective=objective,
        bound=max(objective, round(solver.best_objective_bound)),
        scale=builder.scale,
        notes=tuple(notes),
    )


def _hint(builder: Builder, teams: list[OpenTeam]) -> None:
    """Start from the greedy answer (large inputs): CP-SAT repairs and improves it."""
    v, m = builder.v, builder.m
    where = {id(member): team.slot.index for team in teams for member in team.members}
    for (i, k), x in v.x.items():
        m.add_hint(x, where.get(id(builder.data.mentees[i])) == k)
    for team in teams:
        k = team.slot.index
        m.add_hint(v.active[k], bool(team.members))
        for project in team.slot.projects:
            m.add_hint(v.project[k, project.id], team.project is project and bool(team.members))
        first = bits(team.starts)[0] if team.members and team.starts else -1
        for start in bits(team.slot.starts):
            m.add_hint(v.meet[k, start], start == first)


def _hint_teams(builder: Builder, teams: Sequence[FormedTeam]) -> None:
    """Start from known teams (a neighbourhood's current answer): each mentor's teams take
    their slots in order, at a kept meeting start every member can make."""
    v, m, data = builder.v, builder.m, builder.data
    index = {mt.handle.lower(): i for i, mt in enumerate(data.mentees)}
    free: dict[str, list[Slot]] = {}
    for slot in builder.slots:
        free.setdefault(slot.mentor.handle.lower(), []).append(slot)
    where: dict[int, int] = {}
    for team in teams:
        slots = free.get(team.mentors[0].lower(), [])
        if not slots:
            continue
        slot = slots.pop(0)
        k = slot.index
        members = [index[h.lower()] for h in team.mentees if h.lower() in index]
        common = slot.starts
        for i in members:
            common &= next((c.starts for c in builder.by_mentee[i] if c.slot == k), 0)
        m.add_hint(v.active[k], True)
        for project in slot.projects:
            m.add_hint(v.project[k, project.id], project.id == team.project)
        first = bits(common)[0] if common else -1
        for s in bits(slot.starts):
            m.add_hint(v.meet[k, s], s == first)
        where.update((i, k) for i in members)
    for (i, k), x in v.x.items():
        m.add_hint(x, where.get(i) == k)
    for k, active in v.active.items():
        if k not in where.values():
            m.add_hint(active, False)


def _solver(seed: int, time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = time_limit
    solver.parameters.linearization_level = 2
    # A wall-clock cap far beyond the deterministic limit: it only ever fires on a machine
    # that is much slower or busier than expected, and then the result says so.
    solver.parameters.max_time_in_seconds = max(600.0, 30 * time_limit)
    return solver


def _core(
    data: Signups,
    rules: Rules,
    slots: list[Slot],
    cands: list[Candidate],
    seed: int,
    time_limit: float,
) -> tuple[list[str], tuple[str, ...]]:
    """Sentences naming a minimal set of rules that cannot hold together, and its guards."""
    checker = Checker(data, rules, slots, cands, seed=seed, limit=max(0.5, time_limit / 10))
    core = minimal_core(checker)
    if core is None:
        return ["the constraints cannot all hold together (no smaller reason was found)"], ()
    head = (
        "these rules cannot all hold together; dropping any one of them lets the rest hold:"
        if core.minimal
        else "these rules cannot all hold together (the set may not be minimal):"
    )
    return [head, *suggestions(data, rules, slots, cands, core, seed=seed)], core.names


def _decode(
    builder: Builder, solver: cp_model.CpSolver, data: Signups, slots: list[Slot]
) -> tuple[FormedTeam, ...]:
    v = builder.v
    by_id = {p.id: p for p in data.projects}
    counts: dict[str, int] = {}
    teams = []
    for slot in slots:
        k = slot.index
        if not solver.boolean_value(v.active[k]):
            continue
        project = next(p.id for p in slot.projects if solver.boolean_value(v.project[k, p.id]))
        start = next(s for s in bits(slot.starts) if solver.boolean_value(v.meet[k, s]))
        members = sorted(
            (
                data.mentees[c.mentee]
                for c in builder.by_slot[k]
                if solver.boolean_value(v.x[c.mentee, k])
            ),
            key=lambda m: m.handle.lower(),
        )
        counts[project] = counts.get(project, 0) + 1
        teams.append(
            FormedTeam(
                slug=f"{project[:34]}-{counts[project]}",
                project=project,
                mentees=tuple(m.handle for m in members),
                mentors=(slot.mentor.handle,),
                meeting_start=start,
                score=team_score(members, by_id[project]),
            )
        )
    return tuple(teams)
