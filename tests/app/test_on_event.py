"""on-event: the same handlers from a workflow's event file, with a token and a local cohort."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.app.assemble import on_event, open_store
from cohort.app.clients import TokenClients
from cohort.app.source import CohortUnavailable
from cohort.errors import UsageError
from tests.app.e2e import NO_PACING, make_world
from tests.conftest import EXAMPLE

AURORA = "omp-cohorts/2027-spring-aurora"


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
    # the labels, and the review request unless GitHub already asked the code owner
    assert outcome.writes == 1 + int(pr["requested_reviewers"] == [])
    assert world.labels(AURORA, pr["number"]) >= {"area: docs", "needs-mentor-review"}
    assert world.requested(AURORA, pr["number"]) == ["alicia-dev"]  # one mentor, either way


def test_outside_a_workflow_on_event_explains_itself() -> None:
    with pytest.raises(UsageError, match="GITHUB_EVENT_NAME"):
        on_event(None, "cohort-admin", {})


def test_an_unreachable_postgres_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot connect to the PostgreSQL store"):
        open_store(f"postgresql://cohort@/cohort?host={tmp_path}")


def test_a_cohort_it_cannot_read_fails_the_run_loudly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rehearsal's silent green runs: a token that cannot read the organizer repository."""
    world = make_world()
    pr = world.open_pull(AURORA, "wf-private", {"docs/plan.md": b"plan\n"})
    event = tmp_path / "event.json"
    event.write_bytes(world.payload("opened", AURORA, pr))
    env = {"GITHUB_EVENT_NAME": "pull_request_target", "GITHUB_EVENT_PATH": str(event)}
    token = world.org.box.issue_token("ada-organizes")
    clients = TokenClients(
        token, transport=world.transport, clock=world.org.clock, pacing=NO_PACING
    )
    with pytest.raises(CohortUnavailable, match=r"omp-cohorts/no-such-repo/cohort\.yml is missing"):
        on_event(None, "no-such-repo", env, clients)
    assert world.labels(AURORA, pr["number"]) == set()  # nothing half-done

    from cohort.cli.main import run

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request_target")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    other = tmp_path / "other.yml"
    other.write_text(EXAMPLE.read_text().replace("organization: omp-cohorts ", "organization: x "))
    code = run(["on-event", "--cohort", str(other)])
    out, err = capsys.readouterr()
    assert code == 3
    assert "is the cohort of x, not of omp-cohorts" in err
    assert out.startswith("::error title=cohort::")
