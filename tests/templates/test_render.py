"""Rendering real templates: content, milestone issues, stamp, determinism, organizer templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cohort.labels import CATALOGUE
from cohort.templates import (
    RenderedProject,
    TemplateError,
    available_templates,
    builtin_templates_dir,
    load_template,
)
from tests.templates.conftest import TEMPLATES, example_cohort, render_team

Renders = list[tuple[str, dict[str, object], RenderedProject]]
COMMON_FILES = {
    "README.md",
    "CONTRIBUTING.md",
    "CODE_OF_CONDUCT.md",
    "docs/design/README.md",
    "docs/design/architecture.md",
    "docs/design/adr/0000-template.md",
    ".github/pull_request_template.md",
    ".github/ISSUE_TEMPLATE/bug.yml",
    ".github/ISSUE_TEMPLATE/feature.yml",
    ".github/ISSUE_TEMPLATE/question-for-mentors.yml",
    ".github/workflows/ci.yml",
    ".github/workflows/deploy.yml",
    ".github/cohort-labels.yml",
    ".github/CODEOWNERS",
    ".cohort/template.json",
}


def test_the_three_builtin_templates_are_available() -> None:
    assert set(TEMPLATES) <= set(available_templates())
    assert "_common" not in available_templates()
    assert builtin_templates_dir().name == "project_templates"


def test_every_rendered_repository_has_the_common_files(renders: Renders) -> None:
    for slug, _, rendered in renders:
        missing = COMMON_FILES - set(rendered.files)
        assert not missing, f"{slug}: {missing}"


def test_the_readme_states_brief_people_and_calendar() -> None:
    cohort = example_cohort()
    _, rendered = render_team(cohort, "delta")
    readme = rendered.files["README.md"].decode()
    for needle in (
        "Study Buddy API",
        "@dfischer",
        "@alicia-dev",
        "@omar-h",
        "Quinn Taylor",
        "2027-02-01",
        "2027-04-25",
        "How to run it",
        "CONTRIBUTING.md",
    ):
        assert needle in readme


def test_each_phase_has_a_checklist_issue_with_catalogue_labels(renders: Renders) -> None:
    names = {label.name for label in CATALOGUE}
    for _, _, rendered in renders:
        assert [i.phase for i in rendered.issues] == ["design", "code", "deployment"]
        for issue in rendered.issues:
            assert set(issue.labels) <= names
            assert f"phase: {issue.phase}" in issue.labels
            assert "kind: milestone" in issue.labels
            assert issue.body.count("- [ ]") >= 4
            assert "Acceptance criteria" in issue.body
            assert "https://" in issue.body
            assert "\n" not in issue.title


@pytest.mark.parametrize(
    ("phase", "words"),
    [
        ("design", ["Problem statement", "Users", "Scope", "Architecture diagram", "ADR"]),
        ("code", ["CI green", "Tests", "Code review habits", "First feature end to end"]),
        ("deployment", ["Deploy workflow", "Retrospective", "Who owns what"]),
    ],
)
def test_milestone_checklists_cover_the_phase(
    renders: Renders, phase: str, words: list[str]
) -> None:
    for _, _, rendered in renders:
        body = next(i.body for i in rendered.issues if i.phase == phase)
        for word in words:
            assert word in body


def test_deployment_criteria_fit_what_is_deployed(renders: Renders) -> None:
    for _, _, rendered in renders:
        body = next(i.body for i in rendered.issues if i.phase == "deployment")
        if rendered.template == "python-api":
            for word in ("Public image", "docker run", "curl -f", "Versioned release", "/docs"):
                assert word in body
            assert "screenshot" not in body
            assert "Public URL" not in body
        else:
            for word in ("Public URL", "README demo", "GitHub Pages is switched on"):
                assert word in body


def test_label_rules_map_catalogue_kind_labels_to_globs(renders: Renders) -> None:
    import yaml

    kinds = {label.name for label in CATALOGUE if label.name.startswith("kind: ")}
    for _, _, rendered in renders:
        rules = yaml.safe_load(rendered.files[".github/cohort-labels.yml"])
        assert set(rules) <= kinds
        assert all(isinstance(g, str) for globs in rules.values() for g in globs)


def test_the_stamp_records_template_version_and_inputs(renders: Renders) -> None:
    for slug, context, rendered in renders:
        stamp = json.loads(rendered.files[".cohort/template.json"])
        assert stamp["template"] == rendered.template
        assert stamp["version"] == rendered.version
        assert stamp["inputs"]["team"] == slug
        assert stamp["inputs"]["repo"] == context["repo"]
        assert stamp["inputs"]["variables"]


def test_rendering_is_deterministic() -> None:
    cohort = example_cohort()
    for team in cohort.teams:
        _, first = render_team(cohort, team.slug)
        _, second = render_team(cohort, team.slug)
        assert first == second


def test_an_unknown_template_names_the_known_ones() -> None:
    with pytest.raises(TemplateError, match=r"known templates: .*web-frontend"):
        load_template("no-such-template")


def _organizer_template(folder: Path, name: str, extra: dict[str, str]) -> None:
    root = folder / name
    (root / "files").mkdir(parents=True)
    (root / "issues").mkdir()
    (root / "template.yml").write_text(
        f"name: {name}\nversion: 0.1.0\ndescription: mine\n"
        "variables:\n  greeting: {description: hello, default: hi, pattern: '^[a-z]+$'}\n"
        "phases:\n  design:\n    - {key: plan, title: 'Plan {{ project.title }}', "
        "body: issues/plan.md.jinja, labels: ['kind: docs']}\n",
        encoding="utf-8",
    )
    (root / "issues" / "plan.md.jinja").write_text("- [ ] {{ vars.greeting }}\n")
    for rel, text in extra.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def test_an_organizer_template_is_loaded_and_overrides_a_builtin(tmp_path: Path) -> None:
    _organizer_template(tmp_path, "web-frontend", {"files/HELLO.md.jinja": "{{ vars.greeting }}"})
    assert available_templates([tmp_path])["web-frontend"] == tmp_path / "web-frontend"
    template = load_template("web-frontend", [tmp_path])
    context: dict[str, Any] = {
        "mentors": [{"handle": "m1", "name": "M"}],
        "project": {"title": "T"},
    }
    rendered = render_project_for(template, context)
    assert rendered.files["HELLO.md"] == b"hi"
    assert rendered.issues[0].title == "Plan T"
    assert rendered.files[".github/CODEOWNERS"].endswith(b"/CODEOWNERS @m1\n")


def render_project_for(template: Any, context: dict[str, Any]) -> RenderedProject:
    from cohort.templates import render_project

    return render_project(template, context)


@pytest.mark.parametrize(
    ("yml_extra", "message"),
    [
        ({"template.yml": "name: x\n"}, "version"),
        ({"issues/plan.md.jinja": "{{ oops"}, "plan"),
    ],
)
def test_broken_organizer_templates_raise_template_errors(
    tmp_path: Path, yml_extra: dict[str, str], message: str
) -> None:
    _organizer_template(tmp_path, "mine", yml_extra)
    with pytest.raises(TemplateError, match=message):
        render_project_for(
            load_template("mine", [tmp_path]), {"mentors": [], "project": {"title": "T"}}
        )


def test_symlinks_in_a_template_are_refused(tmp_path: Path) -> None:
    _organizer_template(tmp_path, "mine", {})
    (tmp_path / "mine" / "files" / "passwd").symlink_to("/etc/passwd")
    with pytest.raises(TemplateError, match="symbolic link"):
        load_template("mine", [tmp_path])


def test_a_template_file_replaces_the_base_file_of_the_same_name(tmp_path: Path) -> None:
    _organizer_template(tmp_path, "mine", {"files/CODE_OF_CONDUCT.md": "ours\n"})
    text = (tmp_path / "mine" / "template.yml").read_text()
    (tmp_path / "mine" / "template.yml").write_text(
        text.replace("version:", "extends: _common\nversion:")
    )
    (tmp_path / "mine" / "partials").mkdir()
    (tmp_path / "mine" / "partials" / "start.md.jinja").write_text("Read the docs.\n")
    for name in ("stack.jinja", "architecture.mmd.jinja"):
        source = builtin_templates_dir() / "web-frontend" / "partials" / name
        (tmp_path / "mine" / "partials" / name).write_text(source.read_text())
    cohort = example_cohort()
    team = cohort.teams[0]
    from cohort.templates import render_project, team_context

    rendered = render_project(load_template("mine", [tmp_path]), team_context(cohort, team, "r"))
    assert rendered.files["CODE_OF_CONDUCT.md"] == b"ours\n"
    assert "CONTRIBUTING.md" in rendered.files


def test_hostile_values_cannot_open_a_script_tag_in_generated_html(renders: Renders) -> None:
    for slug, _, rendered in renders:
        for name, data in rendered.files.items():
            if name.endswith(".html") and slug.startswith("evil-"):
                assert b"<script>alert(1)" not in data
                assert b"&lt;/script&gt;" in data
