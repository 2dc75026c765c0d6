"""The action's entry point: run one cohort command from action inputs and set step outputs."""

from __future__ import annotations

import io
import os
import shlex
import sys
from collections.abc import Mapping, MutableMapping
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TextIO

from cohort.reconcile.render import render_markdown
from cohort.usecases import ApplyOutcome, PlanOutcome, SummaryOutcome
from cohort.workflow.env import append_summary, in_actions, mask_commands, set_outputs

COMMANDS = (
    "validate",
    "plan",
    "apply",
    "comment",
    "summary",
    "checkins",
    "induction",
    "evaluations",
    "dashboard",
    "graduate",
    "on-event",
    "reroute",
)
NEEDS_APP = (
    "plan",
    "apply",
    "summary",
    "checkins",
    "induction",
    "evaluations",
    "dashboard",
    "graduate",
    "reroute",
)


class _Tee(io.StringIO):
    """Keeps what a command prints while still showing it in the job log."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self.out = out

    def write(self, text: str) -> int:
        self.out.write(text)
        return super().write(text)


def work_dir(environ: Mapping[str, str]) -> Path:
    """Where plan files live between the steps of one job ($RUNNER_TEMP)."""
    return Path(environ.get("RUNNER_TEMP") or ".")


def build_argv(environ: Mapping[str, str]) -> list[str]:
    """The cohort command line for the action inputs (never through a shell)."""
    command = environ.get("COHORT_COMMAND", "")
    if command not in COMMANDS:
        raise SystemExit(f"::error::unknown cohort command {command!r}; one of {COMMANDS}")
    argv = [command, *shlex.split(environ.get("COHORT_ARGS", ""))]
    if command == "plan":
        plan_json = work_dir(environ) / "cohort-plan.json"
        argv += ["--format", "markdown", "--out", str(plan_json)]
    return argv


def prepare_env(environ: MutableMapping[str, str]) -> None:
    """Hand plan files from a plan step to a later comment step of the same job."""
    markdown = work_dir(environ) / "cohort-plan.md"
    plan_json = work_dir(environ) / "cohort-plan.json"
    if markdown.exists() and plan_json.exists():
        environ.setdefault("COHORT_PLAN_MARKDOWN", str(markdown))
        environ.setdefault("COHORT_PLAN_JSON", str(plan_json))
    if environ.get("COHORT_API_URL"):  # the api-url input wins over the runner's default
        environ["GITHUB_API_URL"] = environ["COHORT_API_URL"]


def skip_reason(argv: list[str], environ: Mapping[str, str]) -> str | None:
    """Why a step that needs the App (or a plan) has nothing to do yet, or None."""
    needs_app = argv[0] in NEEDS_APP
    if needs_app and not environ.get("COHORT_APP_ID") and not environ.get("GITHUB_TOKEN"):
        return "the cohort App is not configured (secret COHORT_APP_ID): skipped"
    posting = argv[0] == "comment" and argv[1:2] == ["post"]
    if posting and not environ.get("COHORT_PLAN_JSON") and not environ.get("COHORT_APP_ID"):
        return "no plan was made in this job: no comment to post"
    return None


def outputs_for(
    command: str,
    code: int,
    outcome: object,
    printed: str,
    told: str,
    environ: Mapping[str, str],
) -> dict[str, str]:
    """Step outputs from the value the command returned; the job summary from what it wrote."""
    values = {"exit-code": str(code)}
    if isinstance(outcome, PlanOutcome):
        markdown = render_markdown(outcome.plan)
        (work_dir(environ) / "cohort-plan.md").write_text(markdown, encoding="utf-8")
        append_summary(markdown, environ)
    if command == "apply":
        tail = "\n".join((printed + told).strip().splitlines()[-20:])
        append_summary(f"### cohort apply (exit {code})\n\n```\n{tail}\n```", environ)
    if command == "summary":
        values["summary-url"] = ""
    if isinstance(outcome, PlanOutcome | ApplyOutcome | SummaryOutcome):
        values.update(outcome.outputs())
    return values


def main(environ: MutableMapping[str, str] | None = None) -> int:
    """Run the command the action was asked for; the step fails with its exit code."""
    from cohort.cli.main import invoke

    env = os.environ if environ is None else environ
    if in_actions(env):
        for line in mask_commands(env.get("COHORT_APP_PRIVATE_KEY", "")):
            print(line, flush=True)
    argv = build_argv(env)
    prepare_env(env)
    reason = skip_reason(argv, env)
    if reason is not None:
        print(f"::notice title=cohort {argv[0]}::{reason}", flush=True)
        append_summary(f"cohort {argv[0]}: {reason}", env)
        set_outputs({"skipped": "true"}, env)
        return 0
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    with redirect_stdout(out), redirect_stderr(err):
        code, outcome = invoke(argv)
    values = outputs_for(argv[0], code, outcome, out.getvalue(), err.getvalue(), env)
    set_outputs(values, env)
    return code


if __name__ == "__main__":
    sys.exit(main())
