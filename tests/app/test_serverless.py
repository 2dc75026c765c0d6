"""Serverless mode works end to end: apply installs the workflow and the team's slice, and
``cohort on-event`` reads the slice from the team repository with the repository's own token."""

from __future__ import annotations

import json
from pathlib import Path

from cohort.app.assemble import on_event
from cohort.app.clients import TokenClients
from cohort.app.source import parse_remote
from cohort.github.apply import apply_cohort
from cohort.reconcile.bot_files import SLICE_PATH, WORKFLOW_PATH, bot_workflow, team_slice
from cohort.reconcile.safety import Allowances
from tests.app.e2e import NO_PACING, ORG, Serialized, World
from tests.conftest import ROOT
from tests.github.orgkit import make_org
from tests.reconcile.helpers import desired_for, example_cohort

DELTA = f"{ORG}/2027-spring-delta"


def test_the_documented_workflow_is_the_one_apply_installs() -> None:
    assert (ROOT / "app" / "on-event.workflow.yml").read_bytes() == bot_workflow("0.1.0")


def test_a_slice_holds_one_team_and_parses_as_a_cohort() -> None:
    cohort = example_cohort()
    delta = next(t for t in cohort.teams if t.slug == "delta")
    sliced = team_slice(cohort, delta)
    assert [t.slug for t in sliced.teams] == ["delta"]
    assert {m.handle for m in sliced.mentees} == {"omar-h", "priya-n", "quinn-t"}
    assert {m.handle for m in sliced.mentors} == {"dfischer", "alicia-dev"}
    desired = desired_for(
        cohort.model_copy(
            update={"policy": cohort.policy.model_copy(update={"mentor_bot": "workflow"})}
        )
    )
    files = desired.repos["2027-spring-delta"].managed_files
    assert parse_remote(files[SLICE_PATH], SLICE_PATH).teams == [delta]
    assert WORKFLOW_PATH in files
    assert SLICE_PATH not in desired_for(cohort).repos["2027-spring-delta"].managed_files


def test_serverless_mode_reads_the_slice_from_the_team_repository(tmp_path: Path) -> None:
    base = example_cohort()
    cohort = base.model_copy(
        update={"policy": base.policy.model_copy(update={"mentor_bot": "workflow"})}
    )
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    from cohort.sandbox import SandboxTransport

    world = World(org, 0, Serialized(SandboxTransport(org.box)))
    assert SLICE_PATH in org.box.files(DELTA)  # no organizer repository exists at all
    assert org.box.files(DELTA)[WORKFLOW_PATH] == bot_workflow(_version())
    pr = world.open_pull(DELTA, "serverless", {"docs/s.md": b"s\n"})
    event = tmp_path / "event.json"
    event.write_bytes(world.payload("opened", DELTA, pr))
    env = {"GITHUB_EVENT_NAME": "pull_request_target", "GITHUB_EVENT_PATH": str(event)}
    token = org.box.issue_token("ada-organizes")
    clients = TokenClients(token, transport=world.transport, clock=org.clock, pacing=NO_PACING)
    outcome = on_event(None, ".", env, clients)
    assert outcome.writes >= 2
    assert "needs-mentor-review" in world.labels(DELTA, pr["number"])
    assert len(world.requested(DELTA, pr["number"])) == 1
    assert json.loads(event.read_text())["repository"]["full_name"] == DELTA


def _version() -> str:
    from cohort.init_files import package_version

    return package_version()
