"""From raw answers (issue-form fields or CSV cells) to sign-ups, with every problem located."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cohort.errors import InvalidInput, Problem
from cohort.matching import fields
from cohort.matching.model import MenteeSignup, MentorSignup, Source
from cohort.matching.timegrid import parse_availability, parse_timezone

Kind = Literal["mentee", "mentor"]
MENTEE_REQUIRED = ("handle", "name", "level", "availability", "timezone")
MENTOR_REQUIRED = ("handle", "name", "availability", "timezone", "projects")


@dataclass(frozen=True)
class RawRecord:
    """One sign-up as text answers keyed by canonical field, with where each answer is."""

    kind: Kind
    source: Source
    values: dict[str, str]
    labels: dict[str, str] = field(default_factory=dict)  # field -> label/header in the input
    columns: dict[str, int] = field(default_factory=dict)  # field -> 1-based CSV column

    def problem(self, key: str, message: str, hint: str = "") -> Problem:
        column = self.columns.get(key, 0) if self.source.line else 0
        label = self.labels.get(key, key)
        return Problem(self.source.file, self.source.line, column, label, message, hint)

    def text(self, key: str) -> str:
        return self.values.get(key, "")


class _Reader:
    """Reads fields of one record, collecting a problem for each bad answer."""

    def __init__(self, record: RawRecord) -> None:
        self.record = record
        self.problems: list[Problem] = []

    def get(self, key: str, parse: Callable[[str], Any], default: Any, hint: str = "") -> Any:
        text = self.record.text(key)
        if fields.blank(text):
            return default
        try:
            return parse(text)
        except ValueError as exc:
            self.problems.append(self.record.problem(key, str(exc), hint))
            return default

    def require(self, keys: Sequence[str]) -> None:
        for key in keys:
            if fields.blank(self.record.text(key)):
                self.problems.append(self.record.problem(key, "is required but empty"))

    def free(self, monday: dt.date) -> int:
        tz = self.get("timezone", parse_timezone, None, "an IANA name such as Asia/Kolkata")
        if tz is None:
            return 0
        return int(
            self.get(
                "availability",
                lambda text: parse_availability(text, tz, monday),
                0,
                "e.g. 'Mon 18:00-20:00; Sat 10:00-12:00' in your time zone",
            )
        )


LEVEL_HINT = "one of: first-year, second-year, senior, professional"


def mentee(record: RawRecord, monday: dt.date) -> tuple[MenteeSignup | None, list[Problem]]:
    """A mentee sign-up, or None and the problems that stop it."""
    read = _Reader(record)
    read.require(MENTEE_REQUIRED)
    signup = MenteeSignup(
        handle=read.get("handle", fields.handle, ""),
        name=record.text("name").strip()[:100],
        level=read.get("level", fields.level, "first-year", LEVEL_HINT),
        skills=read.get("skills", fields.skills, {}, "e.g. 'python: advanced, css: beginner'"),
        free=read.free(monday),
        preferences=read.get("preferences", fields.project_ids, ()),
        attributes=read.get("attributes", fields.attributes, frozenset()),
        with_people=read.get("with", fields.handles, ()),
        not_with=read.get("not_with", fields.handles, ()),
        source=record.source,
    )
    return (None if read.problems else signup), read.problems


def mentor(record: RawRecord, monday: dt.date) -> tuple[MentorSignup | None, list[Problem]]:
    """A mentor sign-up, or None and the problems that stop it."""
    read = _Reader(record)
    read.require(MENTOR_REQUIRED)
    signup = MentorSignup(
        handle=read.get("handle", fields.handle, ""),
        name=record.text("name").strip()[:100],
        skills=read.get("skills", fields.skill_names, frozenset()),
        capacity=read.get("capacity", fields.capacity, 1),
        free=read.free(monday),
        projects=read.get("projects", fields.project_ids, ()),
        inducted=read.get("induction", fields.inducted, False),
        source=record.source,
    )
    return (None if read.problems else signup), read.problems


def build(
    records: Sequence[RawRecord], monday: dt.date
) -> tuple[tuple[MenteeSignup, ...], tuple[MentorSignup, ...]]:
    """Every sign-up, or InvalidInput listing every bad answer of every record."""
    mentees: list[MenteeSignup] = []
    mentors: list[MentorSignup] = []
    problems: list[Problem] = []
    for record in records:
        if record.kind == "mentee":
            one, found = mentee(record, monday)
            if one:
                mentees.append(one)
        else:
            two, found = mentor(record, monday)
            if two:
                mentors.append(two)
        problems.extend(found)
    if problems:
        raise InvalidInput(problems)
    return tuple(mentees), tuple(mentors)
