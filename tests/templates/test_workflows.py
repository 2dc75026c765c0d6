"""Generated workflows are lint-clean, pinned, and take cohort values only through env."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from cohort.templates import RenderedProject, codeowners_problems
from cohort.templates.filters import action_pins
from tests.templates.conftest import MARK, ROOT

Renders = list[tuple[str, dict[str, object], RenderedProject]]
VENV_BIN = ROOT / ".venv" / "bin"
_LITERAL = re.compile(r"\$\{\{\s*'((?:[^']|'')*)'\s*\}\}")


def _workflows(dirs: dict[str, Path]) -> list[Path]:
    return sorted(p for d in dirs.values() for p in (d / ".github" / "workflows").glob("*.yml"))


def test_zizmor_finds_nothing_at_medium_or_above(rendered_dirs: dict[str, Path]) -> None:
    folders = [str(d / ".github" / "workflows") for d in rendered_dirs.values()]
    result = subprocess.run(
        [
            VENV_BIN / "zizmor",
            "--offline",
            "--no-config",
            "--min-severity",
            "medium",
            "--format",
            "json",
            *folders,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    findings = json.loads(result.stdout or "[]")
    assert findings == [], result.stdout[:4000]


def test_actionlint_reports_no_errors(
    rendered_dirs: dict[str, Path], actionlint: list[str]
) -> None:
    files = [str(p) for p in _workflows(rendered_dirs)]
    result = subprocess.run(
        [*actionlint, *files], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout[:4000] + result.stderr[:2000]
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [
        ("vendor.github-workflows", ".github/workflows/*.yml"),
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/[!c]*.yml"),
    ],
)
def test_files_match_github_json_schemas(
    rendered_dirs: dict[str, Path], schema: str, pattern: str
) -> None:
    files = sorted(str(p) for d in rendered_dirs.values() for p in d.glob(pattern))
    assert files
    result = subprocess.run(
        [VENV_BIN / "check-jsonschema", "--builtin-schema", schema, *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_every_action_is_pinned_to_a_full_sha_from_the_table(
    rendered_dirs: dict[str, Path],
) -> None:
    pins = action_pins()
    seen = set()
    for path in _workflows(rendered_dirs):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.search(r"uses: (\S+)@(\S+) # (\S+)$", line)
            if "uses:" in line:
                assert match, f"{path}: unpinned or uncommented: {line}"
                action, sha, version = match.groups()
                assert pins[action] == (version, sha)
                assert re.fullmatch(r"[0-9a-f]{40}", sha)
                seen.add(action)
    assert "actions/checkout" in seen


def _evaluate(value: str) -> str:
    """What GitHub makes of an env value: ``${{ 'literal' }}`` expressions become their text."""
    rest = _LITERAL.sub("", value)
    assert "${{" not in rest, f"an expression other than a literal survived: {value!r}"
    return _LITERAL.sub(lambda m: m.group(1).replace("''", "'"), value)


def _strings(node: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(v, (*path, str(k)))]
    if isinstance(node, list):
        return [s for i, v in enumerate(node) for s in _strings(v, (*path, str(i)))]
    return [(path, node)] if isinstance(node, str) else []


def test_hostile_values_reach_workflows_only_through_env_and_round_trip(renders: Renders) -> None:
    checked = 0
    for slug, context, rendered in renders:
        if not slug.startswith("evil-"):
            continue
        project: Any = context["project"]
        program: Any = context["program"]
        expected = {
            "PROJECT_TITLE": project["title"],
            "PROJECT_BRIEF": project["brief"],
            "PROGRAM_NAME": program["name"],
        }
        for name, data in rendered.files.items():
            if not name.startswith(".github/workflows/"):
                continue
            doc = yaml.safe_load(data)
            for path, text in _strings(doc):
                if MARK in text:
                    assert path[-2:-1] == ("env",), f"{name}: {path}"
                    assert _evaluate(text) == expected[path[-1]], f"{name}: {path}"
                    checked += 1
                if path and path[-1] == "run":
                    assert MARK not in text, f"{name}: {path}"
                    assert "${{" not in text, f"{name}: {path}"
    assert checked >= 9


def test_codeowners_is_valid_and_names_the_mentors(renders: Renders) -> None:
    for _, context, rendered in renders:
        text = rendered.files[".github/CODEOWNERS"].decode()
        assert codeowners_problems(text) == []
        mentors: Any = context["mentors"]
        for mentor in mentors:
            assert f"@{mentor['handle']}" in text.splitlines()[-1] or f"@{mentor['handle']}" in text
