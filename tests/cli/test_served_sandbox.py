"""The CLI as separate processes against ``cohort sandbox serve`` over loopback HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE


@pytest.fixture
def served(tmp_path: Path) -> Iterator[dict[str, str]]:
    state = tmp_path / "org.json"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cohort",
            "sandbox",
            "serve",
            "--cohort",
            str(EXAMPLE),
            "--state",
            str(state),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        info = json.loads(server.stdout.readline())
        yield info
    finally:
        server.terminate()
        server.communicate(timeout=20)


def cohort(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cohort", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )


def test_plan_and_apply_over_http_then_the_plan_is_empty(served: dict[str, str]) -> None:
    assert served["url"].startswith("http://127.0.0.1:")
    env = {
        "GITHUB_TOKEN": served["token"],
        "GITHUB_API_URL": served["url"],
        "COHORT_WRITE_INTERVAL": "0",
    }
    first = cohort("plan", str(EXAMPLE), "--detailed-exitcode", env=env)
    assert first.returncode == 2, first.stderr
    assert "team aurora:" in first.stdout
    applied = cohort("apply", str(EXAMPLE), "--confirm", "--format", "json", env=env)
    assert applied.returncode == 0, applied.stderr
    assert json.loads(applied.stdout)["writes"] > 0
    again = cohort("plan", str(EXAMPLE), "--detailed-exitcode", env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout.endswith("No changes. The organization matches the cohort.\n")
    assert served["token"] not in first.stdout + applied.stdout + again.stdout
