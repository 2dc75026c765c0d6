"""A proven upper bound of the worst team's score that stays meaningful at any size.

Every team scores at least the worst, so ``worst × teams ≤ total``; the total is at most every
mentee's best contribution on a project they can reach (a mentor they share a meeting time
with leads it) plus LEVEL_POINTS per distinct level per team, and a level can appear in at most
as many teams as it has mentees. Maximising over the number of teams the rules allow gives a
bound for the whole problem, trimmed or not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cohort.matching.candidates import Slot
from cohort.matching.model import Rules, Signups
from cohort.matching.scoring import LEVEL_POINTS, contribution
from cohort.matching.timegrid import length_of, starts


@dataclass(frozen=True)
class Bound:
    """Proven upper bounds of the worst team's score and of the total score."""

    worst: int
    total: int


def averaging_bound(data: Signups, rules: Rules, slots: list[Slot], per_team: int) -> Bound:
    """The bound of the module docstring; ``per_team`` caps any one team's score."""
    length = length_of(rules.meeting_hours)
    best = 0
    for mentee in data.mentees:
        mine = starts(mentee.free, length)
        reach = {p.id: p for slot in slots if slot.starts & mine for p in slot.projects}
        best += max((contribution(mentee, p) for p in reach.values()), default=0)
    levels = Counter(m.level for m in data.mentees)
    n = len(data.mentees)
    low = max(-(-n // rules.largest), rules.teams_min or 1, 1)
    high = min(len(slots), n // max(1, rules.smallest), rules.teams_max or n)
    worst = total = 0
    for teams in range(low, max(low, high) + 1):
        cap = best + LEVEL_POINTS * sum(min(teams, count) for count in levels.values())
        worst = max(worst, cap // teams)
        total = max(total, cap)
    return Bound(min(worst, per_team), total)
