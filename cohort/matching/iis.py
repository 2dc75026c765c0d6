"""A minimal set of rules that cannot hold together (an irreducible infeasible subset).

Every rule of the model hangs on a named guard (:class:`Builder` with ``explain=True``); a rule
holds when its guard is assumed. :func:`minimal_core` starts from the solver's infeasible core
and drops guards one at a time while the rest stays infeasible (a deletion filter): at the end,
removing any one rule of the set lets the others hold. :func:`suggestions` then says, per rule,
what to relax and, for the counted rules, by how much (found by trying).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from ortools.sat.python import cp_model

from cohort.matching.candidates import Candidate, Slot
from cohort.matching.cpsat import Builder
from cohort.matching.model import Rules, Signups

MAX_FILTERED = 80  # guards; a larger core is reported as found, not proven minimal
MAX_STEP = 16  # how far a counted rule is relaxed, looking for "by how much"


@dataclass(frozen=True)
class Core:
    """Guard names of rules that cannot hold together; ``minimal`` when every check concluded."""

    names: tuple[str, ...]
    minimal: bool


class Checker:
    """One explain model; answers "can these rules hold together?" for any set of guards."""

    def __init__(
        self,
        data: Signups,
        rules: Rules,
        slots: list[Slot],
        cands: list[Candidate],
        *,
        seed: int = 0,
        limit: float = 2.0,
    ) -> None:
        self.builder = Builder(data, rules, slots, cands, explain=True)
        self.model = self.builder.build()
        self.seed, self.limit = seed, limit
        self.names = sorted(self.builder.v.guards)

    def solve(self, names: Collection[str]) -> tuple[bool | None, list[str]]:
        """(True: the rules hold, False: they cannot, None: undecided), and a smaller core."""
        guards = self.builder.v.guards
        self.model.clear_assumptions()
        self.model.add_assumptions([guards[n] for n in sorted(names) if n in guards])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed
        solver.parameters.max_deterministic_time = self.limit
        solver.parameters.max_time_in_seconds = max(600.0, 30 * self.limit)
        status = solver.solve(self.model)
        if status == cp_model.INFEASIBLE:
            by_index = {guards[n].index: n for n in guards}
            found = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()]
            return False, sorted(n for n in found if n in by_index.values())
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return True, []
        return None, []

    def holds(self, names: Collection[str]) -> bool | None:
        return self.solve(names)[0]


def minimal_core(checker: Checker) -> Core | None:
    """A minimal infeasible set of guards, or None when every rule together can hold."""
    verdict, core = checker.solve(checker.names)
    if verdict is not False:
        return None
    core = core or list(checker.names)
    if len(core) > MAX_FILTERED:
        return Core(tuple(core), minimal=False)
    minimal = True
    for name in list(core):
        if name not in core:
            continue
        trial = [n for n in core if n != name]
        verdict, smaller = checker.solve(trial)
        if verdict is False:
            core = [n for n in trial if n in set(smaller)] or trial
        elif verdict is None:
            minimal = False
    return Core(tuple(core), minimal)


def _relaxed(rules: Rules, name: str, step: int) -> Rules | None:
    """``rules`` with the counted rule ``name`` relaxed by ``step`` (None: not counted)."""
    if name == "size max":
        return dataclasses.replace(
            rules,
            max_size=rules.max_size + step,
            sizes=tuple((p, lo, hi + step) for p, lo, hi in rules.sizes),
        )
    if name == "size min":
        return dataclasses.replace(
            rules,
            min_size=max(1, rules.min_size - step),
            sizes=tuple((p, max(1, lo - step), hi) for p, lo, hi in rules.sizes),
        )
    if name == "teams max" and rules.teams_max is not None:
        return dataclasses.replace(rules, teams_max=rules.teams_max + step)
    if name == "teams min" and rules.teams_min is not None:
        return dataclasses.replace(rules, teams_min=max(1, rules.teams_min - step))
    return None


def how_much(
    data: Signups,
    rules: Rules,
    slots: list[Slot],
    cands: list[Candidate],
    name: str,
    *,
    seed: int = 0,
) -> int | None:
    """The smallest step (up to MAX_STEP) by which relaxing ``name`` alone lets *every* rule
    hold (0: no step does; None: not a counted rule). Relaxing further never hurts, so the
    step is found by doubling, then halving."""

    def works(step: int) -> bool:
        relaxed = _relaxed(rules, name, step)
        assert relaxed is not None
        checker = Checker(data, relaxed, slots, cands, seed=seed)
        return checker.holds(checker.names) is True

    if _relaxed(rules, name, 1) is None:
        return None
    high = 1
    while not works(high):
        if high >= MAX_STEP:
            return 0
        high = min(MAX_STEP, 2 * high)
    low = high // 2  # known not to work (or 0)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if works(middle) else (middle, high)
    return high


def suggestions(
    data: Signups,
    rules: Rules,
    slots: list[Slot],
    cands: list[Candidate],
    core: Core,
    *,
    seed: int = 0,
) -> Iterator[str]:
    """One sentence per rule of the core: the rule, the people it involves, what to relax."""
    placed = [n.split(":", 1)[1] for n in core.names if n.startswith("place:")]
    people = _names(placed) if placed else "every mentee"
    for name in core.names:
        if name.startswith("place:"):
            continue
        step = how_much(data, rules, slots, cands, name, seed=seed)
        yield _sentence(name, rules, people, step)
    if placed:
        yield (
            f"placing every one of {_names(placed)} on a team; suggestion: leave one of them "
            "out of this round, or find them a mentor who shares a meeting time"
        )


def _sentence(name: str, rules: Rules, people: str, step: int | None) -> str:
    kind, _, rest = name.partition(":")
    who = "' and '".join(rest.split(":"))
    by = f" by {step}" if step else ""
    if step == 0:
        by = " (relaxing it alone does not help: relax another rule too)"
    if name == "size max":
        target = f" (to {rules.max_size + step})" if step else ""
        return (
            f"team size (maximum {_sizes(rules, 1)}) for {people}; suggestion: raise the "
            f"maximum{by}{target} (--team-size or projects[].team_size), or add mentor capacity"
        )
    if name == "size min":
        target = f" (to {max(1, rules.min_size - step)})" if step else ""
        return (
            f"team size (minimum {_sizes(rules, 0)}) for {people}; suggestion: lower the "
            f"minimum{by}{target} (--team-size or projects[].team_size)"
        )
    if name in ("teams max", "teams min"):
        word = "at most" if name == "teams max" else "at least"
        count = rules.teams_max if name == "teams max" else rules.teams_min
        change = "raise" if name == "teams max" else "lower"
        return (
            f"team count ({word} {count} teams, --teams) for {people}; suggestion: {change} "
            f"it{by}" + ("" if step else ", or drop --teams")
        )
    fixed = {
        "meeting": (
            f"meeting overlap (every member free for one {rules.meeting_hours:g}-hour block "
            f"with the mentor) for {people}; suggestion: shorten --meeting-hours or ask for "
            "more free time"
        ),
        "level mix": (
            f"level mix (a senior or professional on every team) for {people}; suggestion: "
            "--allow-beginner-teams, or recruit one more senior mentee"
        ),
        "together": f"must-share pair '{who}'; suggestion: drop this pair (--pair or sign-up)",
        "apart": f"must-not-share pair '{who}'; suggestion: drop this pair (--apart or sign-up)",
        "lead": f"mentor '{rest}' must lead a team; suggestion: drop --must-lead {rest}",
        "isolation": (
            f"no isolation, self-declared group #{rest} (private); suggestion: turn "
            "--no-isolation off, or check the group in the private sign-ups"
        ),
    }
    return fixed.get(name, fixed.get(kind, f"rule {name}"))


def _sizes(rules: Rules, which: int) -> str:
    default = (rules.min_size, rules.max_size)[which]
    own = ", ".join(f"{pid} {(lo, hi)[which]}" for pid, lo, hi in rules.sizes)
    return f"{default}" + (f"; {own}" if own else "")


def _names(handles: list[str], limit: int = 8) -> str:
    shown = ", ".join(f"'{h}'" for h in handles[:limit])
    return shown + (f" and {len(handles) - limit} more" if len(handles) > limit else "")
