"""Every broken cohort under tests/config/broken produces exactly its golden messages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cohort.config.load import parse_cohort
from cohort.errors import InvalidInput
from tests.conftest import KNOWN_TEMPLATES

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(p.stem for p in BROKEN.glob("*.yml"))


def messages(name: str) -> str:
    path = BROKEN / f"{name}.yml"
    with pytest.raises(InvalidInput) as info:
        parse_cohort(path.read_bytes(), f"{name}.yml", KNOWN_TEMPLATES)
    return "\n".join(str(p) for p in info.value.problems) + "\n"


@pytest.mark.parametrize("name", CASES)
def test_broken_cohort_reports_exactly_the_golden_messages(name: str) -> None:
    got = messages(name)
    golden = BROKEN / f"{name}.expected"
    if os.environ.get("COHORT_REGEN_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_every_broken_case_has_a_golden_file() -> None:
    assert CASES
    assert {p.stem for p in BROKEN.glob("*.expected")} == set(CASES)
