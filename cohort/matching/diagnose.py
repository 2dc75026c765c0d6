"""Why no teams can be formed: quick counting checks, and the solver's infeasible core in words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cohort.matching.candidates import Candidate, Slot
from cohort.matching.model import BEGINNER_LEVELS, Rules, Signups
from cohort.matching.pairs import groups, pair_lists


def precheck(data: Signups, rules: Rules, slots: list[Slot], cands: list[Candidate]) -> list[str]:
    """Reasons, each naming the constraint and who is involved, that rule out any answer."""
    reasons: list[str] = []
    n = len(data.mentees)
    if n and rules.smallest > n:
        reasons.append(
            f"team size: {n} mentees cannot fill one team of at least {rules.smallest}; "
            f"suggestion: lower the minimum team size to {n}"
        )
    places = sum(max(rules.size_of(p.id)[1] for p in slot.projects) for slot in slots)
    if places < n:
        reasons.append(
            f"mentor capacity: {len(slots)} teams can be led (inducted mentors with a project "
            f"they have the skills for), {places} places for {n} mentees; suggestion: raise "
            f"the maximum team size or add mentor capacity for {n - places} more mentee(s)"
        )
    reasons.extend(_unreachable(data, rules, cands))
    reasons.extend(_levels(data, rules))
    reasons.extend(_pair_groups(data, rules))
    reasons.extend(_isolated(data, rules))
    return reasons


def _unreachable(data: Signups, rules: Rules, cands: list[Candidate]) -> Iterable[str]:
    reachable = {c.mentee for c in cands}
    lost = [m.handle for i, m in enumerate(data.mentees) if i not in reachable]
    if lost:
        yield (
            f"meeting: {_names(lost)} share(s) no free {rules.meeting_hours:g}-hour block with "
            "any mentor who can lead a team"
        )


def _levels(data: Signups, rules: Rules) -> Iterable[str]:
    if rules.allow_all_beginner or not data.mentees:
        return
    seniors = sum(m.level not in BEGINNER_LEVELS for m in data.mentees)
    needed = -(-len(data.mentees) // rules.largest)
    if seniors < needed:
        yield (
            f"level mix: {len(data.mentees)} mentees need at least {needed} teams of at most "
            f"{rules.largest}, but only {seniors} mentee(s) are senior or professional; "
            "allow all-beginner teams or raise the team size"
        )


def _pair_groups(data: Signups, rules: Rules) -> Iterable[str]:
    together, apart = pair_lists(data, rules)
    mentors = {m.handle.lower() for m in data.mentors}
    for group in groups(together):
        mentees = [name for name in group if name not in mentors]
        if len(mentees) > rules.largest:
            yield (
                f"must-share pairs: {_names(mentees)} must all share a team, "
                f"but a team holds at most {rules.largest} mentees"
            )
        leads = [name for name in group if name in mentors]
        if len(leads) > 1:
            yield f"must-share pairs: mentors {_names(leads)} cannot all lead one team of theirs"
        for a, b in apart:
            if a in group and b in group:
                yield f"pairs: '{a}' and '{b}' must share a team (via sign-ups) and must not"


def _isolated(data: Signups, rules: Rules) -> Iterable[str]:
    if not rules.no_isolation:
        return
    counts = Counter(a for m in data.mentees for a in m.attributes)
    alone = sum(1 for count in counts.values() if count == 1)
    if alone:
        yield (
            f"no isolation: {alone} self-declared group(s) have a single member in the whole "
            "cohort, who would be alone in any team (members are not named: the answers are "
            "private); turn the rule off or check the groups in the private sign-ups"
        )


def _names(handles: list[str], limit: int = 8) -> str:
    shown = ", ".join(f"'{h}'" for h in handles[:limit])
    return shown + (f" and {len(handles) - limit} more" if len(handles) > limit else "")
