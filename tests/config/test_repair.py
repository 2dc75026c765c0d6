"""Malformed values are set aside so cross-reference problems are reported in the same run."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cohort.config.model import CohortFile
from cohort.config.repair import repaired

BASE = {
    "program": {"name": "P", "cohort": "c", "organization": "o"},
    "calendar": {"start": "2027-02-01", "weeks": "twelve"},
    "organizers": ["ada"],
    "mentors": [{"handle": "al", "name": "Al", "capacity": "many", "tone": "x"}],
}


def errors(data: dict[str, object]) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        CohortFile.model_validate(data)
    return info.value


def test_values_with_defaults_and_unknown_keys_are_removed() -> None:
    fixed = repaired(BASE, errors(BASE), CohortFile)
    assert fixed is not None
    data, paths = fixed
    assert sorted(paths, key=str) == sorted(
        [("calendar", "weeks"), ("mentors", 0, "capacity"), ("mentors", 0, "tone")], key=str
    )
    assert CohortFile.model_validate(data).mentors[0].capacity == 1
    assert BASE["calendar"] == {"start": "2027-02-01", "weeks": "twelve"}  # the input is intact


def test_a_missing_required_key_cannot_be_repaired() -> None:
    broken = {k: v for k, v in BASE.items() if k != "organizers"}
    assert repaired(broken, errors(broken), CohortFile) is None


def test_a_malformed_required_value_cannot_be_repaired() -> None:
    broken = {**BASE, "program": {"name": "P", "cohort": "Not A Slug", "organization": "o"}}
    assert repaired(broken, errors(broken), CohortFile) is None
