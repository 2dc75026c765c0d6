"""Run workflow steps the way GitHub does: the sandbox on loopback, step env from action.yml."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from cohort.actions import run as action_run
from cohort.sandbox import Sandbox

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


@contextmanager
def serve(box: Sandbox) -> Iterator[str]:
    """Serve the sandbox on 127.0.0.1 in a thread; yields its URL."""
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            size = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(size) if size else b""
            url = f"http://{self.headers.get('Host')}{self.path}"
            with lock:
                status, headers, payload = box.handle(self.command, url, dict(self.headers), body)
            self.send_response(status)
            for key, value in headers.items():
                if key.lower() not in ("content-length", "connection", "transfer-encoding"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = _any  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Runner:
    """One job's runner: its temp dir, the GitHub-set variables and the known expressions."""

    workdir: Path
    github_env: dict[str, str]
    expressions: dict[str, str]
    outputs: list[dict[str, str]] = field(default_factory=list)

    def step_env(self, step: Mapping[str, Any]) -> dict[str, str]:
        """The env of the action's run step for a workflow step's ``with:`` (as GitHub maps it)."""
        given = {k: self.resolve(str(v)) for k, v in (step.get("with") or {}).items()}
        inputs = {
            k: given.get(k, str(spec.get("default", ""))) for k, spec in ACTION["inputs"].items()
        }
        run_step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "run")
        env = {}
        for key, value in run_step["env"].items():
            name = str(value).removeprefix("${{ inputs.").removesuffix(" }}")
            env[key] = inputs[name]
        return env

    def resolve(self, value: str) -> str:
        if "${{" not in value:
            return value
        if value not in self.expressions:
            raise AssertionError(f"the test does not know how GitHub evaluates {value!r}")
        return self.expressions[value]

    def run_step(self, monkeypatch: pytest.MonkeyPatch, step: Mapping[str, Any]) -> int:
        """Run one ``uses: ./`` step in-process with exactly the step's environment."""
        output = self.workdir / f"output-{len(self.outputs)}"
        output.write_text("", encoding="utf-8")
        env = {
            **self.github_env,
            "GITHUB_OUTPUT": str(output),
            "RUNNER_TEMP": str(self.workdir),
            **self.step_env(step),
        }
        with monkeypatch.context() as patch:
            for key in [*env, "COHORT_PLAN_MARKDOWN", "COHORT_PLAN_JSON"]:
                patch.delenv(key, raising=False)
            for key, value in env.items():  # empty inputs arrive as empty variables
                patch.setenv(key, value)
            code = action_run.main()
        self.outputs.append(read_outputs(output))
        return code


def read_outputs(path: Path) -> dict[str, str]:
    """Parse a ``GITHUB_OUTPUT`` file written in the delimiter form."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: dict[str, str] = {}
    i = 0
    while i < len(lines):
        name, _, delimiter = lines[i].partition("<<")
        end = lines.index(delimiter, i + 1)
        out[name] = "\n".join(lines[i + 1 : end])
        i = end + 1
    return out


def workflow_steps(name: str, job: str) -> list[dict[str, Any]]:
    """The steps of a job in this repository's own workflow file."""
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    steps: list[dict[str, Any]] = data["jobs"][job]["steps"]
    return steps


def local_steps(name: str, job: str) -> list[dict[str, Any]]:
    """Only the steps that run this project's action (checkout is the test's tmp dir)."""
    return [s for s in workflow_steps(name, job) if str(s.get("uses", "")).startswith("./")]


def write_event(path: Path, payload: Mapping[str, Any]) -> str:
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


def pull_request_event(repo: str, number: int, head_sha: str, base_sha: str) -> dict[str, Any]:
    """A real-shaped ``pull_request`` (synchronize) payload, trimmed to the fields used."""
    owner = repo.split("/")[0]
    repository = {
        "full_name": repo,
        "name": repo.split("/")[1],
        "owner": {"login": owner},
        "default_branch": "main",
        "fork": False,
    }
    return {
        "action": "synchronize",
        "number": number,
        "pull_request": {
            "number": number,
            "state": "open",
            "title": "Update the cohort",
            "head": {"ref": "edit-cohort", "sha": head_sha, "repo": repository},
            "base": {"ref": "main", "sha": base_sha, "repo": repository},
            "user": {"login": "ada-organizes"},
        },
        "repository": repository,
        "sender": {"login": "ada-organizes"},
    }


def push_event(repo: str, before: str, after: str) -> dict[str, Any]:
    """A real-shaped ``push`` payload to the default branch."""
    owner = repo.split("/")[0]
    return {
        "ref": "refs/heads/main",
        "before": before,
        "after": after,
        "created": False,
        "deleted": False,
        "forced": False,
        "base_ref": None,
        "head_commit": {"id": after, "message": "Merge pull request", "distinct": True},
        "commits": [{"id": after, "message": "Merge pull request", "distinct": True}],
        "repository": {
            "full_name": repo,
            "name": repo.split("/")[1],
            "owner": {"login": owner, "name": owner},
            "default_branch": "main",
        },
        "pusher": {"name": "ada-organizes"},
        "sender": {"login": "ada-organizes"},
    }


def workflow_run_event(repo: str, number: int, head_sha: str, branch: str) -> dict[str, Any]:
    """A real-shaped ``workflow_run`` (completed) payload for a same-repository pull request."""
    owner = repo.split("/")[0]
    repository = {"full_name": repo, "name": repo.split("/")[1], "owner": {"login": owner}}
    return {
        "action": "completed",
        "workflow_run": {
            "name": "cohort pr",
            "event": "pull_request",
            "status": "completed",
            "conclusion": "success",
            "head_branch": branch,
            "head_sha": head_sha,
            "head_repository": repository,
            "repository": repository,
            "pull_requests": [
                {
                    "number": number,
                    "head": {"ref": branch, "sha": head_sha, "repo": repository},
                    "base": {"ref": "main", "repo": repository},
                }
            ],
        },
        "repository": repository,
        "sender": {"login": "ada-organizes"},
    }
