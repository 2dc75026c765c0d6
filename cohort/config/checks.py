"""Cross-reference checks on a parsed cohort: people, projects, teams, calendar, names."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from cohort.config.model import PHASES, CohortFile
from cohort.config.naming import repo_name
from cohort.config.source import Document, Path
from cohort.errors import Problem

Check = Callable[[CohortFile, Document], Iterator[Problem]]


def check_cohort(
    cohort: CohortFile, doc: Document, known_templates: Iterable[str]
) -> list[Problem]:
    """Every cross-reference problem at once (empty when the cohort is consistent)."""
    templates = set(known_templates)
    problems: list[Problem] = []
    for check in (_unique_names, _team_refs, _one_team_each, _mentor_load, _calendar, _repo_names):
        problems.extend(check(cohort, doc))
    problems.extend(_templates(cohort, doc, templates))
    return problems


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _duplicates(
    values: list[str], path: tuple[str, ...], field: str | None, doc: Document, what: str
) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, value in enumerate(values):
        key = value.lower()
        where: Path = (*path, i, field) if field else (*path, i)
        if key in seen:
            yield doc.problem(
                where, f"{what} '{value}' is listed twice (first at index {seen[key]})"
            )
        else:
            seen[key] = i


def _unique_names(cohort: CohortFile, doc: Document) -> Iterator[Problem]:
    yield from _duplicates(
        [m.handle for m in cohort.mentors], ("mentors",), "handle", doc, "mentor"
    )
    yield from _duplicates(
        [m.handle for m in cohort.mentees], ("mentees",), "handle", doc, "mentee"
    )
    yield from _duplicates(cohort.organizers, ("organizers",), None, doc, "organizer")
    yield from _duplicates([p.id for p in cohort.projects], ("projects",), "id", doc, "project")
    yield from _duplicates([t.slug for t in cohort.teams], ("teams",), "slug", doc, "team")
    mentors = {m.handle.lower() for m in cohort.mentors}
    for i, mentee in enumerate(cohort.mentees):
        if mentee.handle.lower() in mentors:
            yield doc.problem(
                ("mentees", i, "handle"), f"'{mentee.handle}' is both a mentor and a mentee"
            )
    handles = [("mentors", i, m.handle) for i, m in enumerate(cohort.mentors)]
    handles += [("mentees", i, m.handle) for i, m in enumerate(cohort.mentees)]
    for kind, i, handle in handles:
        if "--" in handle:
            yield doc.problem(
                (kind, i, "handle"),
                f"'{handle}' is not a GitHub login",
                "GitHub logins have no consecutive hyphens",
            )


def _team_refs(cohort: CohortFile, doc: Document) -> Iterator[Problem]:
    projects = {p.id for p in cohort.projects}
    mentors = {m.handle.lower(): m.handle for m in cohort.mentors}
    mentees = {m.handle.lower(): m.handle for m in cohort.mentees}
    for t, team in enumerate(cohort.teams):
        if team.project not in projects:
            yield doc.problem(
                ("teams", t, "project"),
                f"unknown project '{team.project}'",
                _did_you_mean(team.project, projects),
            )
        if not team.mentors:
            yield doc.problem(
                ("teams", t),
                f"team '{team.slug}' has no mentors",
                "every team needs at least one mentor as project lead",
                key=True,
            )
        if not team.mentees:
            yield doc.problem(("teams", t), f"team '{team.slug}' has no mentees", key=True)
        yield from _people_refs(
            team.mentors, ("teams", t, "mentors"), mentors, mentees, "mentor", doc
        )
        yield from _people_refs(
            team.mentees, ("teams", t, "mentees"), mentees, mentors, "mentee", doc
        )


def _people_refs(
    handles: list[str],
    path: tuple[str | int, ...],
    known: dict[str, str],
    other: dict[str, str],
    role: str,
    doc: Document,
) -> Iterator[Problem]:
    for i, handle in enumerate(handles):
        if handle.lower() in known:
            continue
        if handle.lower() in other:
            yield doc.problem(
                (*path, i),
                f"'{handle}' is not a {role}",
                f"they are listed under {'mentees' if role == 'mentor' else 'mentors'}",
            )
        else:
            yield doc.problem(
                (*path, i),
                f"unknown {role} '{handle}'",
                _did_you_mean(handle, known.values()) or f"add them under {role}s",
            )


def _one_team_each(cohort: CohortFile, doc: Document) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for t, team in enumerate(cohort.teams):
        for i, handle in enumerate(team.mentees):
            key = handle.lower()
            if key in first and first[key] != team.slug:
                yield doc.problem(
                    ("teams", t, "mentees", i),
                    f"'{handle}' is already on team '{first[key]}'",
                    "a mentee belongs to one team",
                )
            first.setdefault(key, team.slug)


def _mentor_load(cohort: CohortFile, doc: Document) -> Iterator[Problem]:
    load = Counter(h.lower() for team in cohort.teams for h in set(team.mentors))
    for i, mentor in enumerate(cohort.mentors):
        teams = load.get(mentor.handle.lower(), 0)
        if teams > mentor.capacity:
            yield doc.problem(
                ("mentors", i, "capacity"),
                f"mentor '{mentor.handle}' leads {teams} teams; capacity is {mentor.capacity}",
                "raise capacity or move a team",
            )
        if teams and cohort.policy.require_induction and mentor.induction != "completed":
            yield doc.problem(
                ("mentors", i, "induction"),
                f"mentor '{mentor.handle}' leads {teams} team(s) but has not completed induction",
                "finish induction first, or set policy.require_induction: false",
            )


def _calendar(cohort: CohortFile, doc: Document) -> Iterator[Problem]:
    cal = cohort.calendar
    previous_last = 0
    for name in PHASES:
        span = getattr(cal.phases, name)
        path = ("calendar", "phases", name)
        if span.first > span.last:
            yield doc.problem(
                path, f"phase {name} starts in week {span.first} but ends in week {span.last}"
            )
        if span.last > cal.weeks:
            yield doc.problem(
                path,
                f"phase {name} ends in week {span.last} but the cohort has {cal.weeks} weeks",
                "raise calendar.weeks or end earlier",
            )
        if span.first <= previous_last:
            yield doc.problem(
                path,
                f"phase {name} starts in week {span.first}, before the "
                f"previous phase ends (week {previous_last})",
                "phases run in order: design, code, deployment",
            )
        previous_last = max(previous_last, span.last)


def _repo_names(cohort: CohortFile, doc: Document) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for t, team in enumerate(cohort.teams):
        name = repo_name(cohort, team)
        if len(name) > 100:
            yield doc.problem(
                ("teams", t, "slug"),
                f"repository name '{name[:40]}…' has {len(name)} characters; GitHub allows 100",
            )
        if name.lower() in seen:
            yield doc.problem(
                ("repositories", "name"),
                f"teams '{seen[name.lower()]}' and '{team.slug}' get the same repository '{name}'",
                "put {team} in the pattern",
            )
        seen.setdefault(name.lower(), team.slug)


def _templates(cohort: CohortFile, doc: Document, known: set[str]) -> Iterator[Problem]:
    for p, project in enumerate(cohort.projects):
        if project.template not in known:
            yield doc.problem(
                ("projects", p, "template"),
                f"unknown template '{project.template}'",
                _did_you_mean(project.template, known)
                or f"known: {', '.join(sorted(known)) or 'none'}",
            )


def cohort_warnings(cohort: CohortFile, doc: Document) -> list[Problem]:
    """Things that are allowed but usually a slip: shown by validate, never fatal."""
    return [*_start_weekday(cohort, doc), *_mentee_roles(cohort, doc)]


def _start_weekday(cohort: CohortFile, doc: Document) -> Iterator[Problem]:
    start = cohort.calendar.start
    if start.weekday() != 0:
        monday = start - dt.timedelta(days=start.weekday())
        yield doc.problem(
            ("calendar", "start"),
            f"start {start.isoformat()} is a {start.strftime('%A')}, not a Monday; "
            "weeks and due dates count from it",
            f"did you mean {monday.isoformat()}?",
        )


def _mentee_roles(cohort: CohortFile, doc: Document) -> Iterator[Problem]:
    on_team = {h.lower() for team in cohort.teams for h in team.mentees}
    organizers = {h.lower() for h in cohort.organizers}
    for i, mentee in enumerate(cohort.mentees):
        where = ("mentees", i, "handle")
        if mentee.handle.lower() not in on_team:
            yield doc.problem(
                where,
                f"mentee '{mentee.handle}' is on no team",
                "add them to a team's mentees, or remove them",
            )
        if mentee.handle.lower() in organizers:
            yield doc.problem(
                where,
                f"mentee '{mentee.handle}' is also an organizer (admin of every team repository)",
                "remove them from organizers unless that is intended",
            )
