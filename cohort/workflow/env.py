"""The GitHub Actions runtime contract: event payload, step outputs, summaries and masks."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cohort.errors import UsageError


@dataclass(frozen=True)
class PullRequestRef:
    """The pull request a run is about: repository, number, head commit and origin."""

    repository: str
    number: int
    head_sha: str
    from_fork: bool


def in_actions(environ: Mapping[str, str] | None = None) -> bool:
    """True when running as a GitHub Actions step."""
    return (environ if environ is not None else os.environ).get("GITHUB_ACTIONS") == "true"


def read_event(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The webhook payload that triggered the run ({} outside Actions)."""
    env = environ if environ is not None else os.environ
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        body = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the event payload {path}: {exc}") from None
    if not isinstance(body, dict):
        raise UsageError(f"the event payload {path} is not a JSON object")
    return body


def pull_request_ref(event: Mapping[str, Any], repository: str) -> PullRequestRef | None:
    """The pull request of a ``pull_request`` event, or of the ``workflow_run`` it triggered;
    None for any other event."""
    run = event.get("workflow_run")
    if isinstance(run, dict):
        return _workflow_run_ref(run, repository)
    pr = event.get("pull_request")
    if not isinstance(pr, dict) or not isinstance(pr.get("number"), int):
        return None
    head = pr.get("head") or {}
    head_repo = (head.get("repo") or {}).get("full_name")
    base_repo = ((pr.get("base") or {}).get("repo") or {}).get("full_name") or repository
    return PullRequestRef(
        repository=str(base_repo),
        number=int(pr["number"]),
        head_sha=str(head.get("sha", "")),
        from_fork=head_repo is not None and head_repo != base_repo,
    )


def _workflow_run_ref(run: Mapping[str, Any], repository: str) -> PullRequestRef | None:
    """The same-repository pull request a ``workflow_run`` ran for (GitHub lists none for forks)."""
    pulls = run.get("pull_requests") or []
    if run.get("event") != "pull_request" or not pulls or not isinstance(pulls[0], dict):
        return None
    number = pulls[0].get("number")
    if not isinstance(number, int):
        return None
    base = str((run.get("repository") or {}).get("full_name") or repository)
    head_repo = (run.get("head_repository") or {}).get("full_name")
    return PullRequestRef(
        repository=base,
        number=number,
        head_sha=str(run.get("head_sha", "")),
        from_fork=head_repo is not None and head_repo != base,
    )


def pushed_commit(event: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> str:
    """The commit a ``push`` event brought to the branch (``after``, else ``GITHUB_SHA``)."""
    env = environ if environ is not None else os.environ
    after = event.get("after")
    if isinstance(after, str) and after.strip("0"):
        return after
    return env.get("GITHUB_SHA", "")


def output_block(name: str, value: str) -> str:
    """One ``GITHUB_OUTPUT`` entry, in the delimiter form that is safe for any value."""
    delimiter = f"ghadelimiter_{uuid.uuid4()}"
    while delimiter in value:  # pragma: no cover - a random delimiter never collides
        delimiter = f"ghadelimiter_{uuid.uuid4()}"
    return f"{name}<<{delimiter}\n{value}\n{delimiter}\n"


def set_outputs(values: Mapping[str, str], environ: Mapping[str, str] | None = None) -> None:
    """Append step outputs to ``$GITHUB_OUTPUT`` (nothing outside Actions)."""
    target = (environ if environ is not None else os.environ).get("GITHUB_OUTPUT")
    if not target:
        return
    with Path(target).open("a", encoding="utf-8") as fh:
        for name, value in values.items():
            fh.write(output_block(name, value))


def append_summary(markdown: str, environ: Mapping[str, str] | None = None) -> None:
    """Append markdown to ``$GITHUB_STEP_SUMMARY`` (nothing outside Actions)."""
    target = (environ if environ is not None else os.environ).get("GITHUB_STEP_SUMMARY")
    if target:
        with Path(target).open("a", encoding="utf-8") as fh:
            fh.write(markdown.rstrip("\n") + "\n")


def mask_commands(secret: str) -> list[str]:
    """``::add-mask::`` commands hiding a secret, one per line of key material (PEM keys too)."""
    lines = [line.strip() for line in secret.splitlines()]
    return [f"::add-mask::{line}" for line in lines if line and not line.startswith("-----")]
