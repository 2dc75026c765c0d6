"""CSV exports with a column mapping; bad rows named by line, column and header."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from cohort.errors import InvalidInput
from cohort.matching.csvform import records
from cohort.matching.records import build
from tests.matching.conftest import GOLDEN

MONDAY = dt.date(2027, 2, 1)
MAPPING = yaml.safe_load((GOLDEN / "columns.yml").read_text(encoding="utf-8"))["mentor"]


def test_mentor_rows_are_read_through_the_mapping() -> None:
    text = (GOLDEN / "mentors.csv").read_text(encoding="utf-8")
    (), mentors = build(records("mentor", text, "mentors.csv", MAPPING), MONDAY)
    alicia, bharat = mentors
    assert (alicia.handle, alicia.capacity, alicia.inducted) == ("alicia-dev", 2, True)
    assert bharat.projects == ("study-buddy-api", "open-data-report")
    assert bharat.skills == frozenset({"python", "apis", "docker"})


def test_a_bad_cell_is_located_by_line_and_column() -> None:
    text = (GOLDEN / "mentors.csv").read_text(encoding="utf-8").replace(",2,", ",lots,")
    with pytest.raises(InvalidInput) as caught:
        build(records("mentor", text, "mentors.csv", MAPPING), MONDAY)
    assert [str(p) for p in caught.value.problems] == [
        "mentors.csv:2:5 Teams you can lead: capacity 'lots' is not a whole number from 1 to 10"
    ]


def test_a_missing_required_column_is_named() -> None:
    text = "GitHub username,Full name\nana,Ana\n"
    with pytest.raises(InvalidInput, match="no column 'Free hours each week'"):
        records("mentor", text, "mentors.csv", MAPPING)


def test_multi_line_cells_keep_row_line_numbers() -> None:
    text = (
        "GitHub handle,Name,Level,Weekly availability,Time zone\n"
        'ana,"Ana\nB",senior,Mon 9-11,UTC\nbo,Bo,senior,Mon 9-11,Nowhere/Land\n'
    )
    with pytest.raises(InvalidInput) as caught:
        build(records("mentee", text, "m.csv"), MONDAY)
    assert str(caught.value.problems[0]).startswith("m.csv:4:5 Time zone: unknown time zone")
