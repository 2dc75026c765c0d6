"""An App installed on selected repositories must reach the organizer repository: plan and
apply say how to grant it, before any write (the CLI against a served, strict sandbox)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.clock import SimulatedClock, SystemClock
from cohort.github.app_auth import APPLY_PERMISSIONS, app_client
from cohort.github.client import Client
from cohort.github.connect import seed_sandbox
from cohort.github.organizer_repo import check_organizer_repo, missing_message, require_app_access
from cohort.loading import load_cohort
from cohort.sandbox import Sandbox, SandboxTransport
from tests.conftest import EXAMPLE
from tests.github.test_app_auth import key_pair
from tests.workflows.harness import serve

ORG = "omp-cohorts"
APP_ID = 31


@dataclass
class World:
    box: Sandbox
    argv: list[str]


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("COHORT_WRITE_INTERVAL", "0")
    box = Sandbox(clock=SystemClock(), check_responses=True)
    seed_sandbox(box, load_cohort(EXAMPLE).cohort)
    private, public = key_pair()
    key = tmp_path / "app.pem"
    key.write_text(private, encoding="utf-8")
    box.register_app(
        APP_ID,
        "cohort-apply",
        public,
        org=ORG,
        permissions=dict(APPLY_PERMISSIONS),
        repositories=[],  # "Only select repositories", none selected yet
    )
    owner = box.issue_token("ada-organizes")
    box.handle(
        "POST",
        "https://api.github.com/orgs/omp-cohorts/repos",
        {"Authorization": f"token {owner}", "Content-Type": "application/json"},
        b'{"name": "cohort-admin", "auto_init": true}',
    )
    with serve(box) as url:
        yield World(box, ["--api-url", url, "--app-id", str(APP_ID), "--app-key-file", str(key)])
    box.assert_clean()


def test_plan_and_apply_stop_before_any_write_until_the_app_is_granted_the_repo(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert f"{ORG}/cohort-admin" in world.box.state.repos
    before = len(world.box.log)
    assert run(["plan", str(EXAMPLE), *world.argv]) == 1
    err = capsys.readouterr().err
    assert (
        f"the App's installation on {ORG} reaches only selected repositories and cannot see "
        f"the organizer repository {ORG}/cohort-admin (program.organizer_repo); nothing was "
        "written"
    ) in err
    assert "Repository access → Only select repositories → add cohort-admin" in err
    assert f"/organizations/{ORG}/settings/installations/" in err
    assert run(["apply", str(EXAMPLE), "--confirm", *world.argv]) == 1
    assert "Repository access → Only select repositories" in capsys.readouterr().err
    assert run(["apply", str(EXAMPLE), "--confirm", "--create-organizer-repo", *world.argv]) == 1
    assert "add cohort-admin" in capsys.readouterr().err  # it exists: not created again
    writes = [(r.method, r.path, r.status) for r in world.box.log[before:] if r.kind == "write"]
    # minting tokens, and the one create GitHub refuses (the name exists): nothing changed
    assert [w for w in writes if "access_tokens" not in w[1]] == [
        ("POST", f"/orgs/{ORG}/repos", 422)
    ]
    assert sorted(world.box.state.repos) == [f"{ORG}/cohort-admin"]
    assert not world.box.state.teams

    world.box.state.apps[APP_ID].selected.append("cohort-admin")  # an owner grants it
    assert run(["plan", str(EXAMPLE), *world.argv]) == 0
    out = capsys.readouterr().out
    assert "organizer repository" not in out
    assert "2027-spring-aurora" in out  # the plan itself


def test_an_app_on_selected_repositories_creates_a_missing_organizer_repo_and_reaches_it(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    del world.box.state.repos[f"{ORG}/cohort-admin"]  # not created yet
    assert run(["plan", str(EXAMPLE), *world.argv]) == 1  # cannot tell missing from hidden
    assert "If it does not exist yet" in capsys.readouterr().err
    argv = ["apply", str(EXAMPLE), "--confirm", "--create-organizer-repo", *world.argv]
    assert run(argv) == 0
    assert "created the organizer repository (private)" in capsys.readouterr().out
    assert world.box.state.repos[f"{ORG}/cohort-admin"].visibility == "private"
    assert "cohort-admin" in world.box.state.apps[APP_ID].selected
    assert run(["plan", str(EXAMPLE), *world.argv]) == 0
    assert "organizer repository" not in capsys.readouterr().out


def test_apply_spends_no_read_on_it_for_all_repositories_or_a_personal_token() -> None:
    cohort = load_cohort(EXAMPLE).cohort
    box = Sandbox(clock=SimulatedClock(), check_responses=True)
    seed_sandbox(box, cohort)
    private, public = key_pair()
    box.register_app(APP_ID, "cohort-apply", public, org=ORG, permissions=dict(APPLY_PERMISSIONS))
    app = app_client(
        APP_ID,
        private,
        ORG,
        api_url="https://api.github.com",
        write=True,
        transport=SandboxTransport(box),
        clock=box.clock,
    )
    personal = Client(box.issue_token("ada-organizes"), transport=SandboxTransport(box))
    assert app.installation is not None
    assert app.installation.repository_selection == "all"
    before = len(box.log)
    for client in (app, personal):
        require_app_access(client, cohort)  # the organizer repository does not even exist
    assert len(box.log) == before
    assert check_organizer_repo(app, cohort) == missing_message(cohort)  # missing, not hidden
