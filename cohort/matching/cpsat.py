"""The CP-SAT model of team formation: variables, constraints and the max-min objective."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from cohort.matching.candidates import Candidate, Slot
from cohort.matching.model import BEGINNER_LEVELS, Rules, Signups
from cohort.matching.scoring import LEVEL_POINTS, contribution, max_contribution
from cohort.matching.timegrid import bits

LEVELS = ("first-year", "second-year", "senior", "professional")


@dataclass
class Vars:
    """Handles to the model's variables, for decoding a solution."""

    active: dict[int, cp_model.IntVar] = field(default_factory=dict)
    project: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    meet: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    score: dict[int, cp_model.IntVar] = field(default_factory=dict)
    worst: cp_model.IntVar | None = None
    total: cp_model.IntVar | None = None
    guards: dict[str, cp_model.IntVar] = field(default_factory=dict)


class Builder:
    """Builds the model; with ``explain`` every constraint family hangs on a named guard."""

    def __init__(
        self,
        data: Signups,
        rules: Rules,
        slots: list[Slot],
        cands: list[Candidate],
        *,
        explain: bool = False,
    ) -> None:
        self.m = cp_model.CpModel()
        self.data, self.rules, self.slots, self.cands = data, rules, slots, cands
        self.explain = explain
        self.v = Vars()
        self.scale = 1
        self.by_slot: dict[int, list[Candidate]] = defaultdict(list)
        self.by_mentee: dict[int, list[Candidate]] = defaultdict(list)
        for cand in cands:
            self.by_slot[cand.slot].append(cand)
            self.by_mentee[cand.mentee].append(cand)

    def guard(self, name: str) -> list[cp_model.IntVar]:
        """The enforcement literal of a constraint family (none unless explaining)."""
        if not self.explain:
            return []
        if name not in self.v.guards:
            self.v.guards[name] = self.m.new_bool_var(name)
        return [self.v.guards[name]]

    def build(self) -> cp_model.CpModel:
        for slot in self.slots:
            self._slot(slot)
        self._each_mentee_once()
        self._pairs()
        if self.rules.no_isolation:
            self._isolation()
        self._counts()
        if not self.explain:  # explaining asks only whether the guarded rules can hold
            self._objective()
        if self.explain:
            self.m.add_assumptions(list(self.v.guards.values()))
        return self.m

    def _slot(self, slot: Slot) -> None:
        k, m, v = slot.index, self.m, self.v
        active = v.active[k] = m.new_bool_var(f"a{k}")
        if k > 0 and self.slots[k - 1].mentor is slot.mentor:
            m.add(active <= v.active[k - 1])  # a mentor's slots fill in order
        for project in slot.projects:
            v.project[k, project.id] = m.new_bool_var(f"p{k}_{project.id}")
        m.add(sum(v.project[k, p.id] for p in slot.projects) == active)
        for start in bits(slot.starts):
            v.meet[k, start] = m.new_bool_var(f"w{k}_{start}")
        m.add(sum(v.meet[k, s] for s in bits(slot.starts)) == active)
        members = []
        for cand in self.by_slot[k]:
            x = v.x[cand.mentee, k] = m.new_bool_var(f"x{cand.mentee}_{k}")
            members.append(x)
            if cand.starts != slot.starts:
                m.add(x <= sum(v.meet[k, s] for s in bits(cand.starts))).only_enforce_if(
                    self.guard("meeting")
                )
        low = sum(self.rules.size_of(p.id)[0] * v.project[k, p.id] for p in slot.projects)
        high = sum(self.rules.size_of(p.id)[1] * v.project[k, p.id] for p in slot.projects)
        m.add(sum(members) <= high).only_enforce_if(self.guard("size max"))
        m.add(sum(members) >= low).only_enforce_if(self.guard("size min"))
        self._level_mix(slot)
        self._score(slot)

    def _level_mix(self, slot: Slot) -> None:
        if self.rules.allow_all_beginner:
            return
        seniors = [
            self.v.x[c.mentee, slot.index]
            for c in self.by_slot[slot.index]
            if self.data.mentees[c.mentee].level not in BEGINNER_LEVELS
        ]
        self.m.add(sum(seniors) >= self.v.active[slot.index]).only_enforce_if(
            self.guard("level mix")
        )

    def _score(self, slot: Slot) -> None:
        k, m, v = slot.index, self.m, self.v
        terms = []
        for cand in self.by_slot[k]:
            mentee, x = self.data.mentees[cand.mentee], v.x[cand.mentee, k]
            for project in slot.projects:
                points = contribution(mentee, project)
                if points and len(slot.projects) == 1:
                    terms.append(points * x)
                elif points:
                    both = m.new_bool_var(f"b{cand.mentee}_{k}_{project.id}")
                    m.add_implication(both, x)
                    m.add_implication(both, v.project[k, project.id])
                    # pinned: both == x AND project, so the objective equals the decoded score
                    m.add_bool_or([x.Not(), v.project[k, project.id].Not(), both])
                    terms.append(points * both)
        for level in LEVELS:
            xs = [
                v.x[c.mentee, k]
                for c in self.by_slot[k]
                if self.data.mentees[c.mentee].level == level
            ]
            if xs:
                has = m.new_bool_var(f"l{k}_{level}")
                m.add(has <= sum(xs))
                for x in xs:  # pinned: has == any member of this level
                    m.add_implication(x, has)
                m.add_implication(has, v.active[k])
                terms.append(LEVEL_POINTS * has)
        v.score[k] = m.new_int_var(0, self.slot_bound(), f"s{k}")
        m.add(v.score[k] == sum(terms))

    def slot_bound(self) -> int:
        """An upper bound of any team's score."""
        best = max(
            (max_contribution(mt, self.data.projects) for mt in self.data.mentees), default=0
        )
        return self.rules.largest * best + LEVEL_POINTS * len(LEVELS)

    def _each_mentee_once(self) -> None:
        for i, mentee in enumerate(self.data.mentees):
            xs = [self.v.x[i, c.slot] for c in self.by_mentee[i]]
            self.m.add(sum(xs) == 1).only_enforce_if(self.guard(f"place:{mentee.handle}"))

    def _pairs(self) -> None:
        from cohort.matching.pairs import pair_lists

        index = {mt.handle.lower(): i for i, mt in enumerate(self.data.mentees)}
        together, apart = pair_lists(self.data, self.rules)
        for a, b in together:
            self._together(a, b, index)
        for a, b in apart:
            self._apart(a, b, index)

    def _xs_of(self, handle: str, index: dict[str, int]) -> dict[int, cp_model.IntVar] | None:
        if handle in index:
            i = index[handle]
            return {c.slot: self.v.x[i, c.slot] for c in self.by_mentee[i]}
        return None

    def _mentor_slots(self, handle: str) -> set[int]:
        return {s.index for s in self.slots if s.mentor.handle.lower() == handle}

    def _together(self, a: str, b: str, index: dict[str, int]) -> None:
        xa, xb = self._xs_of(a, index), self._xs_of(b, index)
        guard = self.guard(f"together:{a}:{b}")
        if xa is not None and xb is not None:
            for k in sorted(set(xa) | set(xb)):
                self.m.add(xa.get(k, 0) == xb.get(k, 0)).only_enforce_if(guard)
        elif xa is not None or xb is not None:
            xs, mentor = (xa, b) if xa is not None else (xb, a)
            own = self._mentor_slots(mentor)
            self.m.add(sum(x for k, x in (xs or {}).items() if k in own) == 1).only_enforce_if(
                guard
            )

    def _apart(self, a: str, b: str, index: dict[str, int]) -> None:
        xa, xb = self._xs_of(a, index), self._xs_of(b, index)
        guard = self.guard(f"apart:{a}:{b}")
        if xa is not None and xb is not None:
            for k in sorted(set(xa) & set(xb)):
                self.m.add(xa[k] + xb[k] <= 1).only_enforce_if(guard)
        elif xa is not None or xb is not None:
            xs, mentor = (xa, b) if xa is not None else (xb, a)
            own = self._mentor_slots(mentor)
            self.m.add(sum(x for k, x in (xs or {}).items() if k in own) == 0).only_enforce_if(
                guard
            )

    def _isolation(self) -> None:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, mentee in enumerate(self.data.mentees):
            for attribute in sorted(mentee.attributes):
                groups[attribute].append(i)
        for number, name in enumerate(sorted(groups), 1):
            guard = self.guard(f"isolation:{number}")
            for slot in self.slots:
                xs = [self.v.x[i, slot.index] for i in groups[name] if (i, slot.index) in self.v.x]
                if xs:
                    some = self.m.new_bool_var(f"g{number}_{slot.index}")
                    self.m.add(sum(xs) >= 2 * some).only_enforce_if(guard)
                    self.m.add(sum(xs) <= len(xs) * some).only_enforce_if(guard)

    def _objective(self) -> None:
        m, v = self.m, self.v
        bound = self.slot_bound()
        total_bound = bound * max(1, len(self.slots))
        v.worst = m.new_int_var(0, bound, "worst")
        v.total = m.new_int_var(0, total_bound, "total")
        for k, score in v.score.items():
            m.add(v.worst <= score).only_enforce_if(v.active[k])
        m.add(v.total == sum(v.score.values()))
        n, rules = len(self.data.mentees), self.rules
        teams = sum(v.active.values())  # redundant, but they tighten the bound on the worst team
        m.add(teams >= -(-n // rules.largest))
        m.add(teams <= n // rules.smallest)
        self.scale = total_bound + 1  # lexicographic: one point of worst beats any total
        m.maximize(v.worst * self.scale + v.total)

    def _counts(self) -> None:
        """The number of teams asked for and the mentors who must lead."""
        m, v, rules = self.m, self.v, self.rules
        teams = sum(v.active.values())
        if rules.teams_min is not None:
            m.add(teams >= rules.teams_min).only_enforce_if(self.guard("teams min"))
        if rules.teams_max is not None:
            m.add(teams <= rules.teams_max).only_enforce_if(self.guard("teams max"))
        for handle in rules.must_lead:
            own = [v.active[k] for k in sorted(self._mentor_slots(handle.lower()))]
            m.add(sum(own) >= 1).only_enforce_if(self.guard(f"lead:{handle.lower()}"))
