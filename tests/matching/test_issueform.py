"""GitHub issue-form bodies (golden files) read into sign-ups, bad answers located."""

from __future__ import annotations

import datetime as dt

import pytest

from cohort.errors import InvalidInput
from cohort.matching.issueform import record, records, sections
from cohort.matching.records import build
from tests.matching.conftest import GOLDEN

MONDAY = dt.date(2027, 2, 1)


def test_sections_turn_no_response_and_checkboxes_into_answers() -> None:
    found = sections((GOLDEN / "issue-104.md").read_text(encoding="utf-8"))
    assert found["Team with"] == "_No response_"
    assert found["Self-declared groups"] == "First-generation student"
    assert found["Project preferences"] == "1. study-buddy-api\n2. open-data-report"


def test_a_golden_mentee_issue_becomes_a_signup() -> None:
    body = (GOLDEN / "issue-101.md").read_text(encoding="utf-8")
    (mentee,), () = build([record("mentee", 101, body)], MONDAY)
    assert mentee.handle == "fatima-z"
    assert mentee.level == "first-year"
    assert mentee.skills == {"html": 2, "css": 1}
    assert mentee.preferences == ("campus-events", "study-buddy-api")
    assert mentee.attributes == frozenset({"woman"})
    assert mentee.with_people == ()
    assert str(mentee.source) == "issue #101"


def test_a_leading_at_sign_in_the_handle_is_dropped() -> None:
    body = (GOLDEN / "issue-102.md").read_text(encoding="utf-8")
    (mentee,), _ = build([record("mentee", 102, body)], MONDAY)
    assert mentee.handle == "gabe-r"


def test_every_bad_answer_is_reported_with_issue_and_field() -> None:
    body = (
        (GOLDEN / "issue-105.md")
        .read_text(encoding="utf-8")
        .replace("America/New_York", "_No response_")
        .replace("python: advanced", "python: guru")
    )
    with pytest.raises(InvalidInput) as caught:
        build([record("mentee", 105, body)], MONDAY)
    assert [str(p) for p in caught.value.problems] == [
        "issue #105 Skills: unknown skill level 'guru' for 'python'"
        " (e.g. 'python: advanced, css: beginner')",
        "issue #105 Time zone: is required but empty",
    ]


def test_an_issue_export_entry_without_a_body_is_a_problem() -> None:
    with pytest.raises(InvalidInput, match=r"\[1\]: an issue needs an integer 'number'"):
        records("mentee", [{"number": 1, "body": ""}, {"number": 2}], "mentees.json")
