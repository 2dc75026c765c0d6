"""The action's entry point: command lines, skips and outputs from action inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.actions.run import build_argv, main, outputs_for, skip_reason
from cohort.github.post_summary import Posted
from cohort.reconcile.plan import Change, Plan
from cohort.reconcile.render import render_markdown
from cohort.usecases import PlanOutcome, SummaryOutcome
from tests.workflows.harness import read_outputs


def test_args_are_split_like_a_shell_but_never_run_by_one(tmp_path: Path) -> None:
    env = {
        "COHORT_COMMAND": "apply",
        "COHORT_ARGS": "--confirm '$(touch x)' ; ls",
        "RUNNER_TEMP": str(tmp_path),
    }
    assert build_argv(env) == ["apply", "--confirm", "$(touch x)", ";", "ls"]


def test_plan_writes_its_json_to_the_runner_temp_dir(tmp_path: Path) -> None:
    argv = build_argv({"COHORT_COMMAND": "plan", "RUNNER_TEMP": str(tmp_path)})
    assert argv == ["plan", "--format", "markdown", "--out", str(tmp_path / "cohort-plan.json")]


def test_unknown_command_stops_the_step() -> None:
    with pytest.raises(SystemExit, match="unknown cohort command"):
        build_argv({"COHORT_COMMAND": "rm -rf"})


def test_steps_needing_the_app_skip_until_it_is_configured() -> None:
    assert skip_reason(["plan"], {}) is not None
    assert skip_reason(["plan"], {"COHORT_APP_ID": "1"}) is None
    assert skip_reason(["validate"], {}) is None
    assert skip_reason(["comment", "post"], {"GITHUB_TOKEN": "t"}) is not None


def test_plan_outputs_digest_and_changes_from_the_returned_plan(tmp_path: Path) -> None:
    change = Change(kind="label", action="create", repo="r", team="t", target="x")
    plan = Plan("org", (change,))
    env = {"RUNNER_TEMP": str(tmp_path), "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")}
    values = outputs_for("plan", 2, PlanOutcome(plan, 2), "printed", "", env)
    assert values == {"exit-code": "2", "has-changes": "true", "plan-digest": plan.digest()}
    assert (tmp_path / "cohort-plan.md").read_text() == render_markdown(plan)
    assert (tmp_path / "s.md").read_text() == render_markdown(plan)


def test_summary_url_comes_from_the_posted_issue() -> None:
    posted = Posted(12, "https://github.com/o/r/issues/12", "created", None, False)
    told = "summary issue #12 created: https://elsewhere.example/\n"
    values = outputs_for(
        "summary", 0, SummaryOutcome(posted), "see https://example.org\n", told, {}
    )
    assert values == {"exit-code": "0", "summary-url": "https://github.com/o/r/issues/12"}


def test_summary_not_posted_has_an_empty_url() -> None:
    values = outputs_for("summary", 0, SummaryOutcome(None), "", "", {})
    assert values == {"exit-code": "0", "summary-url": ""}


def test_skipped_step_says_why_and_sets_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.write_text("")
    env = {
        "COHORT_COMMAND": "apply",
        "GITHUB_OUTPUT": str(out),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_ACTIONS": "true",
    }
    assert main(env) == 0
    notice = "::notice title=cohort apply::the cohort App is not configured"
    assert notice in capsys.readouterr().out
    assert read_outputs(out) == {"skipped": "true"}


def test_the_module_runs_as_the_action_runs_it(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.workflows.harness import ROOT

    out = tmp_path / "out"
    out.write_text("")
    env = {
        **os.environ,
        "COHORT_COMMAND": "validate",
        "COHORT_FILE": "examples/cohort.yml",
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(out),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "cohort.actions.run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert read_outputs(out) == {"exit-code": "0"}
    assert "is valid" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_every_command_the_init_workflows_run_is_accepted(tmp_path: Path) -> None:
    import re

    from cohort.init_files import init_files

    files = init_files("1.2.3", "me/cohort@" + "a" * 40)
    used = set()
    for text in files.values():
        used |= set(re.findall(r"^\s+command: (\S+)$", text, flags=re.MULTILINE))
    assert used == {
        "validate",
        "plan",
        "apply",
        "comment",
        "summary",
        "checkins",
        "induction",
        "evaluations",
        "dashboard",
        "reroute",
    }
    for command in sorted(used):
        env = {"COHORT_COMMAND": command, "COHORT_ARGS": "x", "RUNNER_TEMP": str(tmp_path)}
        assert build_argv(env)[:2] == [command, "x"]


@pytest.mark.parametrize(
    "command", ["checkins", "induction", "evaluations", "dashboard", "graduate", "summary"]
)
def test_scheduled_commands_skip_until_the_app_is_configured(command: str) -> None:
    assert skip_reason([command], {}) == (
        "the cohort App is not configured (secret COHORT_APP_ID): skipped"
    )
    assert skip_reason([command], {"COHORT_APP_ID": "1"}) is None


def test_match_is_not_an_action_command() -> None:
    with pytest.raises(SystemExit, match=r"unknown cohort command 'match'"):
        build_argv({"COHORT_COMMAND": "match"})
