"""Template updates end to end on the sandbox: one pull request per team repository, and a
team's own edit survives (merged where it does not overlap, kept and reported where it does)."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest

from cohort.config.naming import repo_name
from cohort.errors import NotFoundError
from cohort.loading import load_cohort
from cohort.reconcile.desired import build_desired
from cohort.reconcile.safety import Allowances
from cohort.scaffolds import render_all
from cohort.template_updates import run_template_update
from cohort.templates import load_template, render_project, team_context
from cohort.templates.model import RenderedProject
from cohort.usecases import run_apply
from tests.conftest import EXAMPLE, ROOT
from tests.github.orgkit import Org, make_org

ORG = "omp-cohorts"


@pytest.fixture
def org() -> Org:
    loaded = load_cohort(EXAMPLE)
    org = make_org(loaded.cohort, build_desired(loaded.cohort, render_all(loaded)))
    run_apply(org.client, org.desired, allow=Allowances(), confirm=True)
    return org


def _new_templates(tmp_path: Path) -> Path:
    """The built-in templates, changed as an organizer would mid-cohort."""
    root = tmp_path / "templates"
    for name in ("_common", "web-frontend"):
        shutil.copytree(ROOT / "project_templates" / name, root / name)
    meta = root / "web-frontend" / "template.yml"
    meta.write_text(meta.read_text().replace("version: 1.0.0", "version: 1.1.0"))
    readme = root / "_common" / "files" / "README.md.jinja"
    readme.write_text(readme.read_text().replace("## Your first week", "## Week one, step by step"))
    css = root / "web-frontend" / "files" / "site" / "style.css"
    css.write_text("/* Colours follow the organization's style guide. */\n" + css.read_text())
    (root / "web-frontend" / "files" / "SECURITY.md").write_text("Report issues privately.\n")
    return root


def _render(org: Org, templates: Path) -> dict[str, RenderedProject]:
    out = {}
    projects = {p.id: p for p in org.cohort.projects}
    for team in org.cohort.teams:
        template = load_template(projects[team.project].template, (templates,))
        context = team_context(org.cohort, team, repo_name(org.cohort, team))
        out[team.slug] = render_project(template, context)
    return out


def _file(org: Org, repo: str, path: str, ref: str | None = None) -> str | None:
    params = {"ref": ref} if ref else None
    try:
        found = org.client.rest("GET", f"/repos/{ORG}/{repo}/contents/{path}", params=params)
    except NotFoundError:
        return None
    return base64.b64decode(found["content"]).decode()


def _team_edits(org: Org, repo: str, path: str, change: str) -> None:
    current = org.client.rest("GET", f"/repos/{ORG}/{repo}/contents/{path}")
    text = base64.b64decode(current["content"]).decode()
    old, new_line = change.split("=>")
    new = text.replace(old, new_line)
    body = {
        "message": "Team edit",
        "content": base64.b64encode(new.encode()).decode(),
        "sha": current["sha"],
    }
    org.client.rest("PUT", f"/repos/{ORG}/{repo}/contents/{path}", body)


def test_a_changed_template_becomes_one_pull_request_per_team_and_team_edits_survive(
    org: Org, tmp_path: Path
) -> None:
    aurora = "2027-spring-aurora"
    _team_edits(org, aurora, "README.md", "## Your first week=>## Our first week")
    css_before = _file(org, aurora, "site/style.css")
    assert css_before is not None
    team_css = css_before.rstrip("\n") + "\n.team-banner { color: teal; }\n"
    body = {
        "message": "Team styles",
        "content": base64.b64encode(team_css.encode()).decode(),
        "sha": org.client.rest("GET", f"/repos/{ORG}/{aurora}/contents/site/style.css")["sha"],
    }
    org.client.rest("PUT", f"/repos/{ORG}/{aurora}/contents/site/style.css", body)
    rendered = _render(org, _new_templates(tmp_path))

    writes = org.writes()
    planned = run_template_update(org.client, org.cohort, rendered, confirm=False)
    assert {r.status for r in planned} == {"would propose"}
    assert org.writes() == writes  # a plan writes nothing

    results = {
        r.team: r for r in run_template_update(org.client, org.cohort, rendered, confirm=True)
    }
    assert {r.status for r in results.values()} == {"proposed"}
    pulls = {
        t: org.client.rest("GET", f"/repos/{ORG}/2027-spring-{t}/pulls", params={"state": "open"})
        for t in results
    }
    assert {t: len(p) for t, p in pulls.items()} == dict.fromkeys(results, 1)

    mine = results["aurora"]
    assert mine.update is not None
    branch = pulls["aurora"][0]["head"]["ref"]
    assert {(c.path, c.action) for c in mine.update.changes} >= {
        ("SECURITY.md", "add"),
        ("site/style.css", "merge"),
    }
    assert [c.path for c in mine.update.conflicts] == ["README.md"]
    merged_css = _file(org, aurora, "site/style.css", ref=branch)
    assert merged_css is not None
    assert merged_css.startswith("/* Colours follow the organization's style guide. */\n")
    assert merged_css.endswith(".team-banner { color: teal; }\n")
    readme = _file(org, aurora, "README.md", ref=branch)
    assert readme is not None
    assert "## Our first week" in readme  # the team's edit survives
    proposed = _file(org, aurora, ".cohort/proposed/README.md", ref=branch)
    assert proposed is not None
    assert "## Week one, step by step" in proposed
    assert (
        "`README.md`: the team and the template changed the same lines"
        in pulls["aurora"][0]["body"]
    )
    assert _file(org, aurora, "SECURITY.md") is None  # main is untouched until the team merges

    other = _file(org, "2027-spring-borealis", "README.md", ref=pulls["borealis"][0]["head"]["ref"])
    assert other is not None
    assert "## Week one, step by step" in other  # nobody edited it: taken as it is

    writes = org.writes()
    again = run_template_update(org.client, org.cohort, rendered, confirm=True)
    assert {r.status for r in again} == {"already proposed"}
    assert org.writes() == writes


def test_an_unchanged_template_proposes_nothing(org: Org) -> None:
    loaded = load_cohort(EXAMPLE)
    results = run_template_update(org.client, org.cohort, render_all(loaded), confirm=True)
    assert {r.status for r in results} == {"up to date"}
