"""A fixed activity snapshot renders exactly as the golden markdown and JSON files."""

from __future__ import annotations

import json
import os
from pathlib import Path

from cohort.summary import parse_week, render_json, render_markdown, summarize
from cohort.summary.activity import activity_from_json, activity_to_json
from tests.reconcile.helpers import example_cohort
from tests.summary.fixtures import NOW, snapshot

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("COHORT_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_snapshot_renders_as_the_golden_markdown() -> None:
    summary = summarize(snapshot(), example_cohort(), parse_week("2027-W07"), NOW)
    check_golden("2027-W07.md", render_markdown(summary))


def test_snapshot_renders_as_the_golden_json() -> None:
    summary = summarize(snapshot(), example_cohort(), parse_week("2027-W07"), NOW)
    text = render_json(summary)
    check_golden("2027-W07.json", text)
    assert json.loads(text)["teams"][0]["milestones"][0]["percent"] == 67


def test_activity_snapshot_round_trips_through_json() -> None:
    data = activity_to_json(snapshot())
    assert activity_from_json(json.loads(json.dumps(data))) == snapshot()


def test_markdown_opens_with_the_weeks_hidden_marker() -> None:
    summary = summarize(snapshot(), example_cohort(), parse_week("2027-W07"), NOW)
    assert render_markdown(summary).startswith("<!-- cohort:summary 2027-spring/2027-W07 -->\n")
