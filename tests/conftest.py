"""Shared fixtures: paths to the example cohort and the known template names."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "cohort.yml"
KNOWN_TEMPLATES = frozenset({"web-frontend", "python-api", "data-report"})


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")
