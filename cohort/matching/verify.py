"""``check_teams``: every constraint a set of teams breaks, independent of how it was formed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from cohort.matching.candidates import leadable
from cohort.matching.model import (
    BEGINNER_LEVELS,
    FormedTeam,
    MenteeSignup,
    MentorSignup,
    ProjectInfo,
    Rules,
    Signups,
    Violation,
)
from cohort.matching.pairs import pair_lists
from cohort.matching.timegrid import SLOTS, length_of, window_ok


def check_teams(
    teams: Sequence[FormedTeam],
    mentees: Sequence[MenteeSignup],
    projects: Sequence[ProjectInfo],
    mentors: Sequence[MentorSignup],
    rules: Rules,
) -> list[Violation]:
    """Every violated constraint, sorted; the empty list means the teams are valid."""
    data = Signups(tuple(mentees), tuple(mentors), tuple(projects))
    found: list[Violation] = list(_coverage(teams, data))
    found.extend(_capacity(teams, data))
    for team in teams:
        found.extend(_team(team, data, rules))
    found.extend(_pairs(teams, data, rules))
    return sorted(found)


def _coverage(teams: Sequence[FormedTeam], data: Signups) -> Iterator[Violation]:
    seen = Counter(h.lower() for team in teams for h in team.mentees)
    known = {m.handle.lower() for m in data.mentees}
    for mentee in data.mentees:
        count = seen.get(mentee.handle.lower(), 0)
        if count != 1:
            yield Violation("one team each", "", f"'{mentee.handle}' is on {count} teams")
    for handle in sorted(set(seen) - known):
        yield Violation("known people", "", f"'{handle}' did not sign up as a mentee")


def _capacity(teams: Sequence[FormedTeam], data: Signups) -> Iterator[Violation]:
    load = Counter(h.lower() for team in teams for h in set(team.mentors))
    for mentor in data.mentors:
        used = load.get(mentor.handle.lower(), 0)
        if used > mentor.capacity:
            yield Violation(
                "mentor capacity",
                "",
                f"'{mentor.handle}' leads {used} teams; capacity is {mentor.capacity}",
            )


def _team(team: FormedTeam, data: Signups, rules: Rules) -> Iterator[Violation]:
    people = {m.handle.lower(): m for m in data.mentees}
    members = [people[h.lower()] for h in team.mentees if h.lower() in people]
    size = len(team.mentees)
    low, high = rules.size_of(team.project)
    if not low <= size <= high:
        yield Violation("team size", team.slug, f"{size} mentees; allowed {low}-{high}")
    yield from _lead(team, data, rules)
    beginners = all(m.level in BEGINNER_LEVELS for m in members)
    if members and beginners and not rules.allow_all_beginner:
        yield Violation("level mix", team.slug, "every mentee is a first- or second-year")
    yield from _meeting(team, members, data, rules)
    if rules.no_isolation:
        counts = Counter(a for m in members for a in m.attributes)
        if any(count == 1 for count in counts.values()):
            yield Violation(
                "no isolation", team.slug, "a self-declared group has exactly one member here"
            )


def _lead(team: FormedTeam, data: Signups, rules: Rules) -> Iterator[Violation]:
    by_id = {p.id: p for p in data.projects}
    if team.project not in by_id:
        yield Violation("known projects", team.slug, f"unknown project '{team.project}'")
        return
    mentors = {m.handle.lower(): m for m in data.mentors}
    leads = [mentors[h.lower()] for h in team.mentors if h.lower() in mentors]
    able = [
        m
        for m in leads
        if (m.inducted or not rules.require_induction) and by_id[team.project] in leadable(m, by_id)
    ]
    if not able:
        yield Violation(
            "inducted mentor with the project's skills",
            team.slug,
            f"no mentor of {', '.join(team.mentors) or 'nobody'} is inducted, offered "
            f"'{team.project}' and has its skills",
        )


def _meeting(
    team: FormedTeam, members: list[MenteeSignup], data: Signups, rules: Rules
) -> Iterator[Violation]:
    mentors = {m.handle.lower(): m for m in data.mentors}
    length = length_of(rules.meeting_hours)
    people: list[MenteeSignup | MentorSignup] = [*members]
    people += [mentors[h.lower()] for h in team.mentors if h.lower() in mentors]
    busy = [p.handle for p in people if not window_ok(p.free, team.meeting_start % SLOTS, length)]
    if busy:
        yield Violation(
            "shared meeting time",
            team.slug,
            f"{', '.join(busy)} not free for the {rules.meeting_hours:g}-hour weekly meeting",
        )


def _pairs(teams: Sequence[FormedTeam], data: Signups, rules: Rules) -> Iterator[Violation]:
    where: dict[str, set[str]] = {}
    for team in teams:
        for handle in (*team.mentees, *team.mentors):
            where.setdefault(handle.lower(), set()).add(team.slug)
    together, apart = pair_lists(data, rules)
    for a, b in together:
        if not where.get(a, set()) & where.get(b, set()):
            yield Violation("must share a team", "", f"'{a}' and '{b}' are not on one team")
    for a, b in apart:
        for slug in sorted(where.get(a, set()) & where.get(b, set())):
            yield Violation("must not share a team", slug, f"'{a}' and '{b}' share it")
