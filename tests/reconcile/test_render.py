"""Plan rendering: golden text, markdown and JSON; markdown fits a GitHub comment."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cohort.reconcile.model import ActualState
from cohort.reconcile.plan import Change, Plan
from cohort.reconcile.planner import make_plan
from cohort.reconcile.render import (
    COMMENT_LIMIT,
    render_json,
    render_markdown,
    render_text,
    summary_line,
)
from tests.reconcile.helpers import desired_for, example_cohort

GOLDEN = Path(__file__).parent / "golden"


def cold_plan() -> Plan:
    desired = desired_for(example_cohort())
    return make_plan(desired, ActualState(desired.org, "ada-organizes", "", {}, {}))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("COHORT_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "render"), [("cold-plan.txt", render_text), ("cold-plan.md", render_markdown)]
)
def test_cold_plan_renders_exactly_as_the_golden_file(name: str, render: object) -> None:
    check_golden(name, render(cold_plan()))  # type: ignore[operator]


def test_json_plan_lists_every_change_and_the_digest() -> None:
    plan = cold_plan()
    body = json.loads(render_json(plan))
    assert body["digest"] == plan.digest()
    assert len(body["changes"]) == len(plan.changes)
    assert body["counts"] == {"create": len(plan.changes), "update": 0, "remove": 0, "archive": 0}


def test_empty_plan_says_so() -> None:
    plan = Plan("org", ())
    assert summary_line(plan) == "No changes. The organization matches the cohort."
    assert render_text(plan).endswith("No changes. The organization matches the cohort.\n")


def test_huge_plan_markdown_fits_a_comment_and_keeps_summary_and_digest() -> None:
    changes = tuple(
        Change(kind="label", action="create", repo=f"r{i}", team=f"t{i % 500}", target="x" * 200)
        for i in range(5000)
    )
    plan = Plan("org", changes)
    text = render_markdown(plan)
    assert len(text) <= COMMENT_LIMIT
    assert summary_line(plan) in text
    assert f"<!-- cohort:plan digest={plan.digest()} -->" in text


def test_destructive_changes_are_listed_on_top_of_the_markdown() -> None:
    plan = Plan(
        "org",
        (
            Change(
                kind="team-member",
                action="remove",
                repo=None,
                team="t",
                target="team/bob",
                destructive=True,
            ),
        ),
    )
    assert "**1 destructive change(s)** need an explicit flag" in render_markdown(plan)
