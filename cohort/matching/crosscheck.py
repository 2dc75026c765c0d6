"""Cross-reference checks between sign-ups: duplicates, unknown projects and unknown people."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence

from cohort.errors import Problem
from cohort.matching.model import MenteeSignup, MentorSignup, ProjectInfo, Rules, Source


def _problem(source: Source, field: str, message: str, hint: str = "") -> Problem:
    return Problem(source.file, source.line, 1 if source.line else 0, field, message, hint)


def _hint(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _duplicates(people: Sequence[MenteeSignup | MentorSignup]) -> Iterator[Problem]:
    first: dict[str, tuple[str, Source]] = {}
    for person in people:
        role = "mentee" if isinstance(person, MenteeSignup) else "mentor"
        key = person.handle.lower()
        if key in first:
            other_role, where = first[key]
            yield _problem(
                person.source,
                "GitHub handle",
                f"'{person.handle}' signed up as a {role} and already as a {other_role} ({where})",
                "close or remove one sign-up; nothing is dropped silently",
            )
        else:
            first[key] = (role, person.source)


def _projects(ids: Sequence[str], source: Source, field: str, known: set[str]) -> Iterator[Problem]:
    for value in ids:
        if value not in known:
            yield _problem(
                source,
                field,
                f"unknown project '{value}'",
                _hint(value, known) or f"known: {', '.join(sorted(known))}",
            )


def _people(mentee: MenteeSignup, everyone: set[str]) -> Iterator[Problem]:
    for field, names in (("Team with", mentee.with_people), ("Not with", mentee.not_with)):
        for name in names:
            if name.lower() == mentee.handle.lower():
                yield _problem(mentee.source, field, "names the applicant themself")
            elif name.lower() not in everyone:
                yield _problem(
                    mentee.source,
                    field,
                    f"'{name}' has not signed up",
                    _hint(name.lower(), everyone) or "ask them to sign up, or remove the name",
                )
    clash = {n.lower() for n in mentee.with_people} & {n.lower() for n in mentee.not_with}
    for name in sorted(clash):
        yield _problem(mentee.source, "Not with", f"'{name}' is also under 'Team with'")


def check_signups(
    mentees: Sequence[MenteeSignup],
    mentors: Sequence[MentorSignup],
    projects: Sequence[ProjectInfo],
) -> list[Problem]:
    """Every cross-reference problem of a set of sign-ups (empty when consistent)."""
    known = {project.id for project in projects}
    everyone = {m.handle.lower() for m in mentees} | {m.handle.lower() for m in mentors}
    problems = list(_duplicates([*mentees, *mentors]))
    for mentee in mentees:
        problems.extend(_projects(mentee.preferences, mentee.source, "Project preferences", known))
        problems.extend(_people(mentee, everyone))
    for mentor in mentors:
        problems.extend(_projects(mentor.projects, mentor.source, "Projects you can lead", known))
    return problems


def check_rules(
    rules: Rules,
    mentees: Sequence[MenteeSignup],
    mentors: Sequence[MentorSignup],
    projects: Sequence[str] = (),
) -> list[Problem]:
    """Every name in --pair/--apart that did not sign up, every must-lead handle that is no
    mentor sign-up, and every per-project team size of an unknown project."""
    everyone = {m.handle.lower() for m in mentees} | {m.handle.lower() for m in mentors}
    leads = {m.handle.lower() for m in mentors}
    problems = [
        Problem(
            "--must-lead / mentors[].must_lead",
            0,
            0,
            name,
            f"'{name}' must lead a team but has no mentor sign-up",
            _hint(name.lower(), leads) or "remove the name, or ask them to sign up as a mentor",
        )
        for name in rules.must_lead
        if name.lower() not in leads
    ]
    if projects:
        problems += [
            Problem(
                "--project-size",
                0,
                0,
                pid,
                f"unknown project '{pid}'",
                _hint(pid, set(projects)) or f"known: {', '.join(sorted(projects))}",
            )
            for pid, _, _ in rules.sizes
            if pid not in projects
        ]
    for option, pairs in (("--pair", rules.pairs), ("--apart", rules.apart)):
        for a, b in pairs:
            for name in (a, b):
                if name.lower() not in everyone:
                    problems.append(
                        Problem(
                            option,
                            0,
                            0,
                            f"{a},{b}",
                            f"'{name}' has not signed up",
                            _hint(name.lower(), everyone),
                        )
                    )
    return problems
