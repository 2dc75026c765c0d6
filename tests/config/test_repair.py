"""Malformed values are set aside so cross-reference problems are reported in the same run."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from pydantic import ValidationError

from cohort.config.model import CohortFile
from cohort.config.repair import repair

BASE = {
    "program": {"name": "P", "cohort": "c", "organization": "o"},
    "calendar": {"start": "2027-02-01", "weeks": "twelve"},
    "organizers": ["ada"],
    "mentors": [{"handle": "al", "name": "Al", "capacity": "many", "tone": "x"}],
}


def errors(data: Mapping[str, object]) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        CohortFile.model_validate(data)
    return info.value


def test_values_with_defaults_and_unknown_keys_are_removed() -> None:
    fixed = repair(BASE, errors(BASE), CohortFile)
    assert fixed is not None
    data, paths = fixed.data, fixed.removed
    assert fixed.dropped == []
    assert sorted(paths, key=str) == sorted(
        [("calendar", "weeks"), ("mentors", 0, "capacity"), ("mentors", 0, "tone")], key=str
    )
    assert CohortFile.model_validate(data).mentors[0].capacity == 1
    assert BASE["calendar"] == {"start": "2027-02-01", "weeks": "twelve"}  # the input is intact


def test_a_missing_required_key_cannot_be_repaired() -> None:
    broken = {k: v for k, v in BASE.items() if k != "organizers"}
    assert repair(broken, errors(broken), CohortFile) is None


def test_a_malformed_required_value_outside_a_list_cannot_be_repaired() -> None:
    broken = {**BASE, "program": {"name": "P", "cohort": "Not A Slug", "organization": "o"}}
    assert repair(broken, errors(broken), CohortFile) is None


def test_malformed_list_items_are_dropped_and_indexes_map_back() -> None:
    mentors = [
        {"handle": "@al", "name": "Al"},
        {"handle": "bo", "name": "Bo"},
        {"handle": "cy"},
        {"handle": "di", "name": "Di"},
    ]
    teams = [{"slug": "t", "project": "p", "mentors": ["bo", "@x", "di"]}]
    broken = {**BASE, "calendar": {"start": "2027-02-01"}, "mentors": mentors, "teams": teams}
    fixed = repair(broken, errors(broken), CohortFile)
    assert fixed is not None
    assert sorted(fixed.dropped, key=str) == sorted(
        [("mentors", 0), ("mentors", 2), ("teams", 0, "mentors", 1)], key=str
    )
    cohort = CohortFile.model_validate(fixed.data)
    assert [m.handle for m in cohort.mentors] == ["bo", "di"]
    assert cohort.teams[0].mentors == ["bo", "di"]
    assert fixed.original(("mentors", 1, "name")) == ("mentors", 3, "name")
    assert fixed.original(("teams", 0, "mentors", 1)) == ("teams", 0, "mentors", 2)
    assert fixed.names == {"al", "cy", "x"}
    assert len(mentors) == 4  # the input is intact
