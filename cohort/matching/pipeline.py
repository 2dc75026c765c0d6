"""One matching run, end to end and pure: sign-ups + cohort text → teams, patch, explanations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from cohort.config.load import parse_cohort
from cohort.config.model import CohortFile
from cohort.errors import InvalidInput
from cohort.matching.candidates import mentor_slots
from cohort.matching.crosscheck import check_rules
from cohort.matching.explain import private_report, public_summary
from cohort.matching.intake import read_signups
from cohort.matching.model import (
    FormedTeam,
    MentorSignup,
    ProjectInfo,
    Result,
    Rules,
    Signups,
    Violation,
)
from cohort.matching.proposal import patched, pool
from cohort.matching.records import Kind
from cohort.matching.solve import form_teams
from cohort.matching.verify import check_teams


@dataclass(frozen=True)
class Outcome:
    """Everything a matching run produced; ``text`` is the proposed cohort.yml."""

    result: Result
    teams: tuple[FormedTeam, ...]
    violations: tuple[Violation, ...]
    text: str
    summary: str  # public: numbers and the team list
    report: str  # private: meeting times and each member's choice


def left_out(result: Result, data: Signups, rules: Rules) -> list[str]:
    """A line for every mentor who could lead but leads no team (the others are in the notes).

    Mentors who may not lead (induction, skills, no meeting block) already have a note from
    :func:`mentor_slots`; this adds the ones the teams simply did not need.
    """
    if not result.teams:
        return []
    leading = {h.lower() for team in result.teams for h in team.mentors}
    slots, _ = mentor_slots(data, rules)
    eligible = {slot.mentor.handle.lower() for slot in slots}
    mentors: Sequence[MentorSignup] = [m for m in data.mentors if m.handle.lower() in eligible]
    return [
        f"left out: mentor '{m.handle}' (capacity {m.capacity}) leads no team: the other "
        "mentors' teams hold every mentee; ask for more teams with --teams, or name them "
        "with --must-lead"
        for m in mentors
        if m.handle.lower() not in leading
    ]


def with_cohort_rules(rules: Rules, cohort: CohortFile) -> Rules:
    """The flags' rules plus cohort.yml's: per-project team sizes (a flag wins), must-lead
    mentors (those already leading a team there are satisfied) and the induction policy."""
    flagged = {pid for pid, _, _ in rules.sizes}
    sizes = [
        (p.id, *p.size_range)
        for p in cohort.projects
        if p.size_range is not None and p.id not in flagged
    ]
    leading = {h.lower() for team in cohort.teams for h in team.mentors}
    named = {h.lower() for h in rules.must_lead}
    must = [
        m.handle for m in cohort.mentors if m.must_lead and m.handle.lower() not in leading | named
    ]
    return replace(
        rules,
        sizes=(*rules.sizes, *sizes),
        must_lead=(*rules.must_lead, *must),
        require_induction=cohort.policy.require_induction,
    )


def run_match(
    cohort_text: str,
    cohort_name: str,
    files: Sequence[tuple[Kind, str, str]],
    rules: Rules,
    *,
    known_templates: Iterable[str],
    mappings: Mapping[Kind, Mapping[str, str]] | None = None,
    seed: int = 0,
    time_limit: float = 10.0,
) -> Outcome:
    """Match, verify, patch and re-validate; raises InvalidInput for bad sign-ups or cohort."""
    templates = list(known_templates)
    cohort = parse_cohort(cohort_text, cohort_name, templates).cohort
    infos = [ProjectInfo(p.id) for p in cohort.projects]
    mentees, mentors = read_signups(files, infos, cohort.calendar.start, mappings)
    rules = with_cohort_rules(rules, cohort)
    problems = check_rules(rules, mentees, mentors, [p.id for p in cohort.projects])
    if problems:
        raise InvalidInput(problems)
    todo = pool(cohort, mentees, mentors)
    result = form_teams(
        todo.mentees, todo.projects, todo.mentors, rules, seed=seed, time_limit=time_limit
    )
    data = Signups(todo.mentees, todo.mentors, todo.projects)
    result = replace(result, notes=(*todo.notes, *result.notes, *left_out(result, data, rules)))
    violations = check_teams(result.teams, data.mentees, data.projects, data.mentors, rules)
    text, teams = cohort_text, tuple[FormedTeam, ...]()
    if result.teams and violations:  # the solver and the verifier disagree: a bug in cohort
        raise RuntimeError(f"check_teams rejects the solver's teams: {violations[:3]}")
    if result.teams:
        text, teams = patched(cohort_text, cohort, result, todo, seed=seed)
        parse_cohort(text, cohort_name, templates)  # the proposal must validate
    return Outcome(
        result,
        teams,
        tuple(violations),
        text,
        public_summary(result, data, teams),
        private_report(replace(result, teams=teams), data, rules),
    )
