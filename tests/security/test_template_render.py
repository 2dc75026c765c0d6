"""Hole 5: hostile templates give one clear message naming the file; free text mentions no one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cohort.templates import TemplateError, load_template, render_project, team_context
from tests.templates.conftest import example_cohort
from tests.templates.test_render import _organizer_template

MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9]")

RECURSIVE = [
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}",
    "{% macro g(d) %}{{ g(d ~ 'x') }}{% endmacro %}{{ g('') }}",
    "{% macro a(n) %}{{ b(n) }}{% endmacro %}{% macro b(n) %}{{ a(n) }}{% endmacro %}{{ a(1) }}",
]


def render_body(tmp_path: Path, body: str, context: dict[str, object] | None = None) -> str:
    _organizer_template(tmp_path, "mine", {"issues/plan.md.jinja": body})
    ctx = context or {"mentors": [], "project": {"title": "T"}}
    return render_project(load_template("mine", [tmp_path]), ctx).issues[0].body


@pytest.mark.parametrize("body", RECURSIVE)
def test_a_recursive_macro_is_one_message_naming_the_template_file(
    tmp_path: Path, body: str
) -> None:
    with pytest.raises(TemplateError) as info:
        render_body(tmp_path, body)
    message = str(info.value)
    assert message.startswith(f"template 'mine' ({tmp_path / 'mine' / 'issues/plan.md.jinja'}): ")
    assert "nests without end" in message
    assert "RecursionError" not in message


def test_an_undefined_value_names_the_file_and_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        render_body(tmp_path, "{{ projet.title }}")
    assert str(info.value) == (
        f"template 'mine' ({tmp_path / 'mine' / 'issues/plan.md.jinja'}): 'projet' is undefined;"
        " templates see only the documented context (docs/reference/templates.md): check the "
        "spelling, or use | default(...)"
    )


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    st.integers(min_value=1, max_value=4000),
    st.sampled_from(["(", "[", "{'a': ", "-", "not "]),
)
def test_fuzzed_nesting_depth_is_rendered_or_refused_with_the_file_named(
    depth: int, opener: str
) -> None:
    closer = {"(": ")", "[": "]", "{'a': ": "}", "-": "", "not ": ""}[opener]
    body = "{{ " + opener * depth + "1" + closer * depth + " }}"
    import tempfile

    message = ""
    with tempfile.TemporaryDirectory() as folder:
        try:
            render_body(Path(folder), body)
        except TemplateError as exc:
            message = str(exc)
    assert not message or message.startswith(f"template 'mine' ({folder}/mine/issues/plan.md")


def test_free_text_in_a_generated_issue_mentions_no_one(tmp_path: Path) -> None:
    cohort = example_cohort()
    team = cohort.teams[0]
    project = next(p for p in cohort.projects if p.id == team.project)
    hostile = project.model_copy(update={"brief": "Ping @octocat and @org/everyone now"})
    cohort = cohort.model_copy(
        update={"projects": [hostile if p.id == project.id else p for p in cohort.projects]}
    )
    context = team_context(cohort, team, "repo")
    body = render_body(
        tmp_path,
        "{{ project.brief }} / {{ project.brief | md }} / @{{ mentors[0].handle }}",
        context,
    )
    handle = team.mentors[0]
    assert MENTION.findall(body) == ["@" + handle[0]]
    assert body.count("@\u200boctocat") == 2
