"""The summary and dashboard commands on a saved sandbox: output, posting, exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.github.apply import apply_cohort
from cohort.reconcile.safety import Allowances
from tests.conftest import EXAMPLE
from tests.github.orgkit import make_org
from tests.reconcile.helpers import desired_for, example_cohort
from tests.summary.simulate import ORG, Simulation

pytestmark = pytest.mark.xfail(
    strict=True,
    reason="issue 15: invitations expire after 7 days; cohort never re-invites",
)


@pytest.fixture(scope="module")
def state_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cohort = example_cohort()
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.client.rest("POST", f"/orgs/{ORG}/repos", {"name": "cohort-admin", "auto_init": True})
    sim = Simulation(org)
    sim.move_to(dt.datetime(2027, 2, 16, 9, tzinfo=dt.UTC))
    sim.open_pr("hana-k", "2027-spring-aurora", "Calendar export")
    sim.move_to(dt.datetime(2027, 2, 20, 9, tzinfo=dt.UTC))
    path = tmp_path_factory.mktemp("box") / "sandbox.json"
    org.box.save(path)
    return path


def test_summary_json_for_a_week(
    state_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = run(
        [
            "summary",
            str(EXAMPLE),
            "--sandbox-state",
            str(state_file),
            "--week",
            "2027-W07",
            "--format",
            "json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (out["week"], out["cohort_week"], out["phase"]) == ("2027-W07", 3, "design")
    assert out["teams"][0]["prs_opened"] == 1
    assert out["teams"][0]["contributed"] == ["hana-k"]


def test_summary_post_writes_the_step_summary_under_actions(
    state_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    step = tmp_path / "step.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    code = run(["summary", str(EXAMPLE), "--sandbox-state", str(state_file), "--post"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.startswith("<!-- cohort:summary 2027-spring/2027-W07 -->")
    assert "summary issue #1 created" in captured.err
    marker = "<!-- cohort:summary 2027-spring/2027-W07 -->"
    assert step.read_text(encoding="utf-8").startswith(marker)
    run(["summary", str(EXAMPLE), "--sandbox-state", str(state_file), "--post"])
    assert "summary issue #1 unchanged" in capsys.readouterr().err


def test_week_is_an_iso_week_or_a_cohort_week_number(
    state_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    base = ["summary", str(EXAMPLE), "--sandbox-state", str(state_file), "--week"]
    assert run([*base, "3"]) == 0
    by_number = capsys.readouterr()
    assert run([*base, "2027-W07"]) == 0
    by_iso = capsys.readouterr()
    assert by_number.out == by_iso.out
    assert "week: 2027-W07 (cohort week 3)" in by_number.err
    assert run([*base, "13"]) == 3
    assert "the cohort has weeks 1 to 12" in capsys.readouterr().err


def test_bad_week_is_a_usage_error(state_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["summary", str(EXAMPLE), "--sandbox-state", str(state_file), "--week", "W7"])
    assert code == 3
    assert "use an ISO week such as 2027-W07" in capsys.readouterr().err


def test_dashboard_writes_one_self_contained_page(
    state_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        [
            "dashboard",
            str(EXAMPLE),
            "--sandbox-state",
            str(state_file),
            "--out",
            str(tmp_path / "site"),
            "--weeks",
            "2",
        ]
    )
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert code == 0
    assert "2027-W06" in page
    assert "2027-W05" not in page
    assert "wrote" in capsys.readouterr().err


def test_dashboard_as_of_a_past_week(
    state_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["dashboard", str(EXAMPLE), "--sandbox-state", str(state_file), "--out"]
    assert run([*base, str(tmp_path / "w2"), "--week", "2"]) == 0
    page = (tmp_path / "w2" / "index.html").read_text(encoding="utf-8")
    assert "week 2027-W06" in page
    assert "2027-W07" not in page  # nothing after the end of that week
    assert "Calendar export" not in page  # hana-k's PR was opened in W07
    assert "week: 2027-W06 (cohort week 2)" in capsys.readouterr().err
    assert run([*base, str(tmp_path / "now")]) == 0
    now = (tmp_path / "now" / "index.html").read_text(encoding="utf-8")
    assert "Needs attention" in now
    assert "Mentor load" in now
    assert "<h3>Invitations not accepted (" in now
    assert "@fatima-z: invited " in now  # apply invited her; she never accepted
    assert "@hana-k: invited" not in now  # she accepted and opened a PR
