"""Sign-up files to sign-ups: issue exports (JSON), single issue bodies (.md) or CSV."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence

from cohort.errors import InvalidInput, Problem
from cohort.matching import csvform, issueform
from cohort.matching.crosscheck import check_signups
from cohort.matching.model import MenteeSignup, MentorSignup, ProjectInfo
from cohort.matching.records import Kind, RawRecord, build


def raw_records(
    kind: Kind, name: str, text: str, mapping: Mapping[str, str] | None = None
) -> list[RawRecord]:
    """Raw sign-ups of one file; the format follows the file name's extension."""
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return csvform.records(kind, text, name, mapping)
    if lowered.endswith(".md"):
        digits = re.findall(r"\d+", name.rsplit("/", 1)[-1])
        return [issueform.record(kind, int(digits[-1]) if digits else 0, text)]
    if lowered.endswith(".json"):
        try:
            issues = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput([Problem(name, exc.lineno, exc.colno, "", exc.msg)]) from None
        if not isinstance(issues, list):
            raise InvalidInput(
                [
                    Problem(
                        name,
                        1,
                        1,
                        "",
                        "expected a list of issues",
                        "gh issue list --label mentee-signup --json number,body",
                    )
                ]
            )
        return issueform.records(kind, issues, name)
    raise InvalidInput(
        [Problem(name, 0, 0, "", "unknown sign-up file type", "use .json, .md or .csv")]
    )


def read_signups(
    files: Sequence[tuple[Kind, str, str]],
    projects: Sequence[ProjectInfo],
    monday: dt.date,
    mappings: Mapping[Kind, Mapping[str, str]] | None = None,
) -> tuple[tuple[MenteeSignup, ...], tuple[MentorSignup, ...]]:
    """Every sign-up of ``(kind, name, text)`` files, or InvalidInput with every problem."""
    records: list[RawRecord] = []
    problems: list[Problem] = []
    for kind, name, text in files:
        try:
            records.extend(raw_records(kind, name, text, (mappings or {}).get(kind)))
        except InvalidInput as exc:
            problems.extend(exc.problems)
    try:
        mentees, mentors = build(records, monday)
    except InvalidInput as exc:
        problems.extend(exc.problems)
        mentees, mentors = (), ()
    if not problems:
        problems = check_signups(mentees, mentors, projects)
    if problems:
        raise InvalidInput(problems)
    return mentees, mentors
