"""The label catalogue is well formed and its reference page is current."""

from __future__ import annotations

import re

from cohort.labels import CATALOGUE
from tests.conftest import ROOT


def test_label_names_are_unique_and_colours_are_hex() -> None:
    assert len({label.name.lower() for label in CATALOGUE}) == len(CATALOGUE)
    assert all(re.fullmatch(r"[0-9a-f]{6}", label.color) for label in CATALOGUE)


def test_every_label_is_in_the_reference() -> None:
    page = (ROOT / "docs" / "reference" / "labels.md").read_text(encoding="utf-8")
    for label in CATALOGUE:
        assert f"| `{label.name}` | `#{label.color}` | {label.description} |" in page
