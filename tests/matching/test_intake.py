"""Sign-up files by extension: gh issue exports, single bodies and CSV, problems collected."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cohort.errors import InvalidInput
from cohort.matching.intake import raw_records, read_signups
from cohort.matching.model import ProjectInfo
from tests.matching.conftest import GOLDEN

PROJECTS = [ProjectInfo(p) for p in ("campus-events", "study-buddy-api", "open-data-report")]


def test_a_gh_issue_export_is_read_issue_by_issue() -> None:
    issues = [
        {"number": int(p.stem.split("-")[1]), "body": p.read_text(encoding="utf-8")}
        for p in sorted(GOLDEN.glob("issue-*.md"))
    ]
    mentees, mentors = read_signups(
        [("mentee", "mentees.json", json.dumps(issues))], PROJECTS, dt.date(2027, 2, 1)
    )
    assert [m.handle for m in mentees] == [
        "fatima-z",
        "gabe-r",
        "hana-k",
        "ivan-p",
        "jules-m",
        "kofi-a",
    ]
    assert mentors == ()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("m.json", "{", "m.json:1:2 Expecting property name"),
        ("m.json", "{}", "m.json:1:1 expected a list of issues"),
        ("m.txt", "", "m.txt: unknown sign-up file type"),
    ],
)
def test_unreadable_files_are_problems(name: str, text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        raw_records("mentee", name, text)
    assert str(caught.value.problems[0]).startswith(message)


def test_problems_of_every_file_are_reported_together() -> None:
    files = [("mentee", "a.json", "{}"), ("mentor", "b.txt", "")]
    with pytest.raises(InvalidInput) as caught:
        read_signups(files, PROJECTS, dt.date(2027, 2, 1))  # type: ignore[arg-type]
    assert [p.file for p in caught.value.problems] == ["a.json", "b.txt"]
