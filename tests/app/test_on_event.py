"""on-event: the same handlers from a workflow's event file, with a token and a local cohort."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.app.assemble import on_event, open_store
from cohort.app.clients import TokenClients
from cohort.errors import UsageError
from tests.app.e2e import NO_PACING, make_world
from tests.conftest import EXAMPLE

AURORA = "omp-cohorts/2027-spring-aurora"


@pytest.mark.xfail(
    strict=True,
    reason="issue 19: GitHub requests code owners first; the App skips its request",
)
def test_workflow_event_labels_and_requests_review(tmp_path: Path) -> None:
    world = make_world()
    pr = world.open_pull(AURORA, "wf", {"docs/plan.md": b"plan\n"})
    event = tmp_path / "event.json"
    event.write_bytes(world.payload("opened", AURORA, pr))
    env = {"GITHUB_EVENT_NAME": "pull_request_target", "GITHUB_EVENT_PATH": str(event)}
    token = world.org.box.issue_token("ada-organizes")
    clients = TokenClients(
        token, transport=world.transport, clock=world.org.clock, pacing=NO_PACING
    )
    outcome = on_event(EXAMPLE, "cohort-admin", env, clients)
    assert outcome.writes == 2
    assert world.labels(AURORA, pr["number"]) >= {"area: docs", "needs-mentor-review"}
    assert world.requested(AURORA, pr["number"]) == ["alicia-dev"]


def test_outside_a_workflow_on_event_explains_itself() -> None:
    with pytest.raises(UsageError, match="GITHUB_EVENT_NAME"):
        on_event(None, "cohort-admin", {})


def test_postgres_store_is_documented_not_silently_accepted() -> None:
    with pytest.raises(UsageError, match="Store protocol"):
        open_store("postgresql://db/cohort")
