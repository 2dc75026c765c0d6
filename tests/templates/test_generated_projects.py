"""Each template's generated project passes its own tests and builds, in a clean environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.request
import venv
from pathlib import Path

import pytest

from cohort.templates import write_project
from tests.templates.conftest import example_cohort, render_team

pytestmark = pytest.mark.slow
TEAM_OF = {"web-frontend": "aurora", "python-api": "borealis", "data-report": "cirrus"}


def _scaffold(template: str, out: Path) -> Path:
    _, rendered = render_team(example_cohort(), TEAM_OF[template])
    assert rendered.template == template
    write_project(rendered, out)
    return out


def _clean_env() -> dict[str, str]:
    """The environment minus anything that leaks this checkout's Python into the child."""
    keep = (
        "PATH",
        "HOME",
        "LANG",
        "TMPDIR",
        "PIP_INDEX_URL",
        "PIP_EXTRA_INDEX_URL",
        "PIP_CACHE_DIR",
    )
    return {k: v for k, v in os.environ.items() if k in keep} | {"PYTHONDONTWRITEBYTECODE": "1"}


def _run(cmd: list[str], cwd: Path, timeout: int = 180) -> str:
    result = subprocess.run(
        cmd, cwd=cwd, env=_clean_env(), capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def _venv_with_project(project: Path) -> Path:
    """A fresh virtual environment with the generated project and its test extra installed."""
    env_dir = project / ".venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", ".[test]"],
        project,
    )
    return python


def test_web_frontend_tests_pass_with_node(tmp_path: Path) -> None:
    project = _scaffold("web-frontend", tmp_path / "web")
    node = shutil.which("node")
    assert node, "node is needed"
    out = _run([node, "--test"], project)
    assert "# fail 0" in out
    json.loads((project / "package.json").read_text())


def test_python_api_installs_passes_its_tests_and_answers_health(tmp_path: Path) -> None:
    project = _scaffold("python-api", tmp_path / "api")
    python = _venv_with_project(project)
    _run([str(python), "-m", "pytest", "-p", "no:cacheprovider"], project)
    server = subprocess.Popen(
        [str(python.parent / "api-server"), "--host", "127.0.0.1", "--port", "0"],
        cwd=project,
        env=_clean_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        url = line.strip().rsplit(" ", 1)[-1]
        assert url.startswith("http://127.0.0.1:"), line
        with urllib.request.urlopen(f"{url}/health", timeout=10) as response:
            assert json.load(response) == {"status": "ok"}
        with urllib.request.urlopen(f"{url}/", timeout=10) as response:
            assert json.load(response)["title"] == "Study Buddy API"
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def test_data_report_passes_its_tests_and_builds_the_report(tmp_path: Path) -> None:
    project = _scaffold("data-report", tmp_path / "report")
    python = _venv_with_project(project)
    _run([str(python), "-m", "pytest", "-p", "no:cacheprovider"], project)
    _run([str(python), "-m", "report", "build", "--out", "_site"], project)
    page = (project / "_site" / "index.html").read_text(encoding="utf-8")
    assert "City Air Quality Report" in page
    assert "<svg" in page
