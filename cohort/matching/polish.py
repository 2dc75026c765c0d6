"""A deterministic local search over formed teams: raise the worst teams, then first choices.

Moves go between two teams of the same answer, so mentor load, the number of teams and who
leads stay as they are (except a dissolve, below):

- *pull*: a member of another team joins the team being raised;
- *swap*: a member of the team being raised trades places with a member of another team;
- *dissolve*: a team's members all join other teams with room, when the teams that remain
  are better by the decomposition's key (worst team, fewer teams at the worst, total).

Every changed team must still meet every rule (size of its project, a common meeting start
with its mentor, level mix, no isolation, must-not-share pairs); mentees in a must-share pair
never move. A team's project is re-chosen among those its mentor may lead, best score first.

The first phase raises the lowest teams: a move is taken when the pair of teams it touches
gets a higher lower score, or the same lower score and a higher higher score (the sorted list
of all scores then rises lexicographically) and the key rises too, so the worst team never
drops and the search ends. The second phase moves a mentee onto a team of their first choice
(alone, or trading places with one of its members) when the first-choice count rises, the
pair's total does not drop, neither team falls below the worst score and no more teams sit at
it. Work is counted in team evaluations, not seconds, so the answer is the same on any machine
and any load; a search that runs out of evaluations returns the teams it has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cohort.matching.candidates import leadable
from cohort.matching.model import BEGINNER_LEVELS, FormedTeam, ProjectInfo, Rules, Signups
from cohort.matching.pairs import pair_lists
from cohort.matching.scoring import LEVEL_POINTS, answer_key, contribution
from cohort.matching.timegrid import length_of, starts


@dataclass
class _Team:
    slug: str
    mentor: str  # lower-case handle
    handle: str
    window: int  # the mentor's meeting starts
    projects: tuple[ProjectInfo, ...]
    members: list[int]
    meeting: int
    score: int = 0
    project: str = ""


@dataclass(frozen=True)
class Polished:
    """The improved teams and the work it took."""

    teams: tuple[FormedTeam, ...]
    moves: int  # moves taken
    evaluations: int  # team evaluations spent


class _OutOfWork(Exception):
    """The evaluation budget is spent."""


class _Search:
    """The teams being improved, with each mentee's data precomputed by index."""

    def __init__(self, data: Signups, rules: Rules, teams: Sequence[FormedTeam], budget: int):
        self.rules, self.budget, self.spent = rules, budget, 0
        length = length_of(rules.meeting_hours)
        index = {m.handle.lower(): i for i, m in enumerate(data.mentees)}
        self.handles = [m.handle for m in data.mentees]
        self.window = [starts(m.free, length) for m in data.mentees]
        self.level = [m.level for m in data.mentees]
        self.senior = [m.level not in BEGINNER_LEVELS for m in data.mentees]
        self.attributes = [m.attributes for m in data.mentees]
        self.points = [{p.id: contribution(m, p) for p in data.projects} for m in data.mentees]
        self.first = [m.preferences[0] if m.preferences else "" for m in data.mentees]
        together, apart = pair_lists(data, rules)
        self.frozen = {index[h] for pair in together for h in pair if h in index}
        self.apart: dict[int, set[int]] = {}
        self.apart_mentor: dict[int, set[str]] = {}
        for a, b in apart:
            for x, y in ((a, b), (b, a)):
                if x in index and y in index:
                    self.apart.setdefault(index[x], set()).add(index[y])
                elif x in index:
                    self.apart_mentor.setdefault(index[x], set()).add(y)
        by_id = {p.id: p for p in data.projects}
        mentors = {m.handle.lower(): m for m in data.mentors}
        self.teams: list[_Team] = []
        for team in teams:
            mentor = mentors[team.mentors[0].lower()]
            self.teams.append(
                _Team(
                    team.slug,
                    mentor.handle.lower(),
                    team.mentors[0],
                    starts(mentor.free, length),
                    leadable(mentor, by_id),
                    [index[h.lower()] for h in team.mentees],
                    team.meeting_start,
                )
            )
        for t in self.teams:
            found = self.evaluate(t, t.members)
            if found is None:
                raise ValueError(f"team {t.slug} breaks a rule; polish needs valid teams")
            t.score, t.project = found
        self.teams_min = max(rules.teams_min or 1, 1)
        self.lead = Counter(t.mentor for t in self.teams)
        self.must = {h.lower() for h in rules.must_lead}

    # -- evaluation ---------------------------------------------------------------------

    def evaluate(self, team: _Team, members: Sequence[int]) -> tuple[int, str] | None:
        """(score, project) of ``team`` with ``members``, or None when a rule breaks."""
        self.spent += 1
        common = team.window
        for i in members:
            common &= self.window[i]
        if not common or not members:
            return None
        if not self.rules.allow_all_beginner and not any(self.senior[i] for i in members):
            return None
        if self.rules.no_isolation:
            counts = Counter(a for i in members for a in self.attributes[i])
            if 1 in counts.values():
                return None
        size = len(members)
        levels = LEVEL_POINTS * len({self.level[i] for i in members})
        best: tuple[int, int, str] | None = None
        for project in team.projects:
            low, high = self.rules.size_of(project.id)
            if not low <= size <= high:
                continue
            pid = project.id
            value = (
                sum(self.points[i][pid] for i in members),
                sum(self.first[i] == pid for i in members),
                pid,
            )
            if best is None or value[:2] > best[:2]:
                best = value
        return None if best is None else (best[0] + levels, best[2])

    def firsts(self, members: Sequence[int], project: str) -> int:
        return sum(self.first[i] == project for i in members)

    def joins(self, i: int, team: _Team, members: Sequence[int]) -> bool:
        """Whether mentee ``i`` may sit with ``members`` under ``team``'s mentor."""
        if i in self.frozen or not self.window[i] & team.window:
            return False
        if team.mentor in self.apart_mentor.get(i, ()):
            return False
        return not self.apart.get(i, set()).intersection(members)

    def charge(self) -> None:
        if self.spent >= self.budget:
            raise _OutOfWork

    # -- phase 1: raise the lowest teams -------------------------------------------------

    def raise_lowest(self, width: int) -> int:
        moves = 0
        while True:
            self.charge()
            order = sorted(self.teams, key=lambda t: (t.score, t.slug))
            for team in order[:width]:
                if self._dissolve(team) or self._best_pair_move(team):
                    moves += 1
                    break
            else:
                return moves

    def _best_pair_move(self, a: _Team) -> bool:
        best: tuple[tuple[int, int], _Team, list[int], list[int]] | None = None
        old_a = a.score
        for b in self.teams:
            if b is a:
                continue
            self.charge()
            low, high = sorted((old_a, b.score))
            for ma, mb in self._exchanges(a, b):
                got_a = self.evaluate(a, ma)
                if got_a is None or got_a[0] <= old_a:
                    continue
                got_b = self.evaluate(b, mb)
                if got_b is None:
                    continue
                pair = tuple(sorted((got_a[0], got_b[0])))
                if (
                    pair > (low, high)
                    and (best is None or pair > best[0])
                    and self._better((old_a, b.score), (got_a[0], got_b[0]))
                ):
                    best = ((pair[0], pair[1]), b, ma, mb)
        if best is None:
            return False
        _, b, ma, mb = best
        self._set(a, ma)
        self._set(b, mb)
        return True

    def _better(self, old: tuple[int, ...], new: tuple[int, ...]) -> bool:
        """Whether replacing the scores ``old`` by ``new`` raises the decomposition's key."""
        scores = Counter(t.score for t in self.teams)
        before = _key_of(scores)
        scores.subtract(old)
        scores.update(new)
        return _key_of(+scores) > before

    def _exchanges(self, a: _Team, b: _Team) -> list[tuple[list[int], list[int]]]:
        """Member lists of (a, b) after each pull from b and each swap between them."""
        out = []
        for j in b.members:
            if not self.joins(j, a, ()):
                continue
            rest_b = [x for x in b.members if x != j]
            if self.joins(j, a, a.members):
                out.append(([*a.members, j], rest_b))
            for i in a.members:
                if i in self.frozen or not self.window[i] & b.window:
                    continue
                rest_a = [x for x in a.members if x != i]
                if not self.joins(j, a, rest_a) or not self.joins(i, b, rest_b):
                    continue
                out.append(([*rest_a, j], [*rest_b, i]))
        return out

    def _dissolve(self, a: _Team) -> bool:
        """Spread ``a``'s members over other teams when the remaining teams score better."""
        if len(self.teams) <= self.teams_min or any(i in self.frozen for i in a.members):
            return False
        if a.mentor in self.must and self.lead[a.mentor] <= 1:
            return False
        changed: dict[int, list[int]] = {}
        for i in a.members:
            pick: tuple[int, int] | None = None
            for n, b in enumerate(self.teams):
                if b is a:
                    continue
                members = changed.get(n, b.members)
                if not self.joins(i, b, members):
                    continue
                self.charge()
                got = self.evaluate(b, [*members, i])
                if got is not None and (pick is None or got[0] > pick[0]):
                    pick = (got[0], n)
            if pick is None:
                return False
            n = pick[1]
            changed[n] = [*changed.get(n, self.teams[n].members), i]
        before = answer_key([t.score for t in self.teams])
        scores = {n: self.evaluate(self.teams[n], ms) for n, ms in changed.items()}
        after = answer_key(
            [
                (s[0] if (s := scores.get(n)) else t.score)
                for n, t in enumerate(self.teams)
                if t is not a
            ]
        )
        if after <= before:
            return False
        for n, ms in changed.items():
            self._set(self.teams[n], ms)
        self.teams.remove(a)
        self.lead[a.mentor] -= 1
        return True

    # -- phase 2: first choices ----------------------------------------------------------

    def first_choices(self) -> int:
        moves = 0
        improved = True
        while improved:
            improved = False
            for a in sorted(self.teams, key=lambda t: t.slug):
                for i in list(a.members):
                    if i in a.members and self.first[i] != a.project and self._to_first(i, a):
                        moves += 1
                        improved = True
        return moves

    def _to_first(self, i: int, a: _Team) -> bool:
        """Move ``i`` onto a team of its first choice (alone or for one of its members)."""
        scores = [t.score for t in self.teams]
        worst = min(scores)
        rest_a = [x for x in a.members if x != i]
        for b in self.teams:
            if b is a or self.first[i] not in {p.id for p in b.projects}:
                continue
            if not self.joins(i, b, b.members):
                continue
            self.charge()
            options = [(rest_a, [*b.members, i])]
            for j in b.members:
                rest_b = [x for x in b.members if x != j]
                if self.joins(j, a, rest_a) and self.joins(i, b, rest_b):
                    options.append(([*rest_a, j], [*rest_b, i]))
            for ma, mb in options:
                got_a, got_b = self.evaluate(a, ma), self.evaluate(b, mb)
                if got_a is None or got_b is None:
                    continue
                new, old = (got_a[0], got_b[0]), (a.score, b.score)
                before = self.firsts(a.members, a.project) + self.firsts(b.members, b.project)
                after = self.firsts(ma, got_a[1]) + self.firsts(mb, got_b[1])
                if (
                    min(new) >= worst
                    and new.count(worst) <= old.count(worst)
                    and sum(new) >= sum(old)
                    and after > before
                ):
                    self._set(a, ma)
                    self._set(b, mb)
                    return True
        return False

    # -- bookkeeping ---------------------------------------------------------------------

    def _set(self, team: _Team, members: list[int]) -> None:
        found = self.evaluate(team, members)
        assert found is not None
        team.members = members
        team.score, team.project = found

    def formed(self) -> tuple[FormedTeam, ...]:
        out = []
        for t in self.teams:
            common = t.window
            for i in t.members:
                common &= self.window[i]
            meeting = t.meeting if common >> t.meeting & 1 else (common & -common).bit_length() - 1
            members = tuple(sorted((self.handles[i] for i in t.members), key=str.lower))
            out.append(FormedTeam(t.slug, t.project, members, (t.handle,), meeting, t.score))
        return tuple(out)


def _key_of(scores: Counter[int]) -> tuple[int, int, int]:
    worst = min(scores)
    return worst, -scores[worst], sum(s * n for s, n in scores.items())


def polish(
    data: Signups,
    rules: Rules,
    teams: Sequence[FormedTeam],
    *,
    budget: int,
    width: int = 8,
    first: bool = True,
) -> Polished:
    """Improve valid ``teams`` by the moves of the module docstring, within ``budget`` team
    evaluations; ``width`` lowest teams are tried before the search stops."""
    search = _Search(data, rules, teams, budget)
    moves = 0
    try:
        moves += search.raise_lowest(width)
        if first:
            moves += search.first_choices()
    except _OutOfWork:
        pass
    return Polished(search.formed(), moves, search.spent)
