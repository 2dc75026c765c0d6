"""Arbitrary text and arbitrary YAML fed to the loader only ever raise cohort's own error."""

from __future__ import annotations

import datetime as dt
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cohort.config.load import parse_cohort
from cohort.config.model import FIRST_START, LAST_START, PHASES
from cohort.errors import InvalidInput, Problem
from cohort.reconcile.calendar import cohort_end, cohort_week, phase_dates
from tests.conftest import EXAMPLE, KNOWN_TEMPLATES

FUZZ = settings(
    max_examples=1500, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["NO", "on", "000000", "12:30", "~"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)
KEYS = [
    "version",
    "program",
    "calendar",
    "organizers",
    "mentors",
    "mentees",
    "projects",
    "teams",
    "repositories",
    "policy",
]


def outcome(text: str | bytes) -> None:
    try:
        parse_cohort(text, "fuzz.yml", KNOWN_TEMPLATES)
    except InvalidInput as exc:
        problems = exc.problems
    else:
        return
    assert problems
    assert all(p.file == "fuzz.yml" for p in problems)


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_invalid_input(text: str) -> None:
    outcome(text)


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_invalid_input(data: bytes) -> None:
    outcome(data)


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=6))
def test_arbitrary_yaml_documents_raise_only_invalid_input(doc: dict[str, object]) -> None:
    outcome(yaml.safe_dump(doc, allow_unicode=True))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.integers(min_value=0, max_value=4000), st.text(min_size=1, max_size=5))
def test_mutated_example_raises_only_invalid_input(offset: int, junk: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    cut = offset % len(text)
    outcome(text[:cut] + junk + text[cut + len(junk) :])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.dates(), st.integers(min_value=1, max_value=104))
def test_any_start_date_either_fails_validation_or_plans_its_calendar(
    start: dt.date, weeks: int
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  start: \S+", f"  start: {start.isoformat()}", text)
    text = re.sub(r"(?m)^  weeks: \d+", f"  weeks: {weeks}", text)
    problems: list[Problem] = []
    try:
        loaded = parse_cohort(text, "fuzz.yml", KNOWN_TEMPLATES)
    except InvalidInput as exc:
        problems = exc.problems
    if problems:
        assert all(p.file == "fuzz.yml" for p in problems)
        assert FIRST_START <= start <= LAST_START or any(
            p.path == "calendar.start" and "is outside 2000-01-01..2100-12-31" in p.message
            for p in problems
        )
        return
    assert FIRST_START <= start <= LAST_START
    calendar = loaded.cohort.calendar
    assert cohort_end(calendar) > calendar.start
    assert [p.name for p in phase_dates(calendar)] == list(PHASES)
    assert cohort_week(calendar, cohort_end(calendar)) == calendar.weeks
