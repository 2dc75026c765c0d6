"""Every example payload of @octokit/webhooks-examples the App subscribes to is handled."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from cohort.app.context import Context
from cohort.app.decide import decide
from cohort.app.decide_pull import ACTIONS
from cohort.app.events import parse_event
from cohort.app.reactions import RequestReview, SetLabels, TrackInstallation
from cohort.config.load import parse_cohort

EXAMPLES = json.loads((Path(__file__).parent / "fixtures" / "octokit-examples.json").read_text())
COHORT = parse_cohort(
    """
version: 1
program: {name: Examples, cohort: ex, organization: Codertocat}
calendar: {start: 2019-05-01}
organizers: [organizer]
mentors:
  - {handle: octocat, name: Octo Cat, induction: completed}
  - {handle: monalisa, name: Mona Lisa, induction: completed}
mentees: [{handle: Codertocat, name: Coder Cat, level: senior}]
projects: [{id: hello, title: Hello, brief: Say hello, template: python-api}]
teams: [{slug: hello, project: hello, mentees: [Codertocat], mentors: [octocat, monalisa]}]
repositories: {name: Hello-World}
""",
    "examples.yml",
    {"python-api"},
).cohort
CTX = Context(COHORT, dt.date(2019, 5, 15), "cohort-mentors[bot]")  # week 3: design
PR_ACTIONS = ACTIONS
REVIEW_GROUP = {"needs-mentor-review", "mentor-approved", "changes-requested"}


def ids(examples: list[dict[str, Any]]) -> list[str]:
    return [f"{e['event']}.{e['action']}.{i}" for i, e in enumerate(examples)]


@pytest.mark.parametrize("example", EXAMPLES, ids=ids(EXAMPLES))
def test_every_example_is_handled_without_error(example: dict[str, Any]) -> None:
    body = json.dumps(example["payload"]).encode()
    changes = decide(parse_event(example["event"], "x", body), CTX)
    if example["event"].startswith("installation"):
        assert all(isinstance(c, TrackInstallation) for c in changes)


PULLS = [e for e in EXAMPLES if e["event"] == "pull_request"]


def expected(pr: dict[str, Any], action: str) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """What the App should do for a Hello-World pull request on 2019-05-15 (no reviews yet)."""
    if action not in PR_ACTIONS:
        return None, ()
    before = {lb["name"] for lb in pr["labels"]}
    if pr["state"] != "open":
        closed = before - REVIEW_GROUP - {"help-wanted-from-mentor"}
        return (frozenset(closed) if closed != before else None), ()
    draft = pr.get("draft") is True
    after = before - REVIEW_GROUP | {"phase: design", "size/XS"}
    after |= set() if draft else {"needs-mentor-review"}
    asked_already = any(
        r.get("login") in ("octocat", "monalisa") for r in pr["requested_reviewers"]
    )
    free = [m for m in ("octocat", "monalisa") if m != pr["user"]["login"].lower()]
    asks = not draft and not asked_already and free
    return (frozenset(after) if after != before else None), (free[0],) if asks else ()


@pytest.mark.parametrize("example", PULLS, ids=ids(PULLS))
def test_pull_request_examples_get_the_expected_decision(example: dict[str, Any]) -> None:
    payload = example["payload"]
    event = parse_event("pull_request", "x", json.dumps(payload).encode())
    changes = decide(event, CTX)
    labels = [c.after for c in changes if isinstance(c, SetLabels)]
    asked = tuple(r for c in changes if isinstance(c, RequestReview) for r in c.reviewers)
    want_labels, want_asked = expected(payload["pull_request"], example["action"])
    assert (labels[0] if labels else None) == want_labels
    assert asked == want_asked


def test_the_examples_cover_the_actions_that_matter() -> None:
    actions = {e["action"] for e in PULLS}
    assert {"opened", "reopened", "synchronize", "ready_for_review", "closed"} <= actions
    assert {e["event"] for e in EXAMPLES} == {
        "pull_request",
        "pull_request_review",
        "issue_comment",
        "installation",
        "installation_repositories",
    }
