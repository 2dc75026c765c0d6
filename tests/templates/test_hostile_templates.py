"""Hostile templates: SSTI payloads and runaway loops stop with TemplateSecurityError, fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cohort.templates import Template, TemplateError, TemplateSecurityError, render_project


def inline(source: str, name: str = "files/out.txt.jinja") -> Template:
    """A template built in memory with one file (copier's habit: fixtures inline)."""
    return Template(
        name="inline",
        version="0.0.1",
        description="test",
        skills=(),
        variables={},
        phases={"design": (), "code": (), "deployment": ()},
        root=Path("."),
        sources={name: source},
        verbatim={},
    )


def render(source: str) -> str:
    return render_project(inline(source), {"mentors": []}).files["out.txt"].decode()


SSTI = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('id') }}",
    "{{ range.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ [].append(1) }}",
    "{{ {}.update(a=1) }}",
    "{{ '{0.__class__}'.format('') }}",
    "{% set x = ''|attr('__class__') %}{{ x }}",
    "{{ gh.__globals__ }}",
]


@pytest.mark.parametrize("payload", SSTI)
def test_known_ssti_payloads_raise_the_security_error(payload: str) -> None:
    with pytest.raises(TemplateSecurityError):
        render(payload)


RUNAWAY = [
    "{% for i in range(10**9) %}x{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ [1] * 10**8 }}",
    "{{ 2 ** 1000000 }}",
    "{{ '%999999999s' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ 'a'|center(10**9) }}",
    "{{ 'a'|indent(10**9) }}",
    "{{ lipsum(10**6) }}",
    "{% for i in range(9999) %}{{ 'y' * 99999 }}{% endfor %}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
]


@pytest.mark.parametrize("payload", RUNAWAY)
def test_runaway_templates_stop_at_the_size_and_count_bounds(payload: str) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateSecurityError):
        render(payload)
    assert time.monotonic() - started < 2


def test_a_loop_that_never_yields_is_stopped_within_seconds() -> None:
    payload = (
        "{% set l = range(9999)|list %}"
        "{% for a in l %}{% for b in l %}{% for c in l %}{% endfor %}{% endfor %}{% endfor %}"
    )
    started = time.monotonic()
    with pytest.raises(TemplateSecurityError, match="longer than"):
        render(payload)
    assert time.monotonic() - started < 10


def test_the_sandbox_still_renders_ordinary_jinja() -> None:
    out = render(
        "{% for i in range(3) %}{{ i }}{% endfor %} {{ 'ab' * 2 }} {{ [3, 1]|sort|join(',') }}"
    )
    assert out == "012 abab 1,3"


def test_undefined_names_are_errors_not_blanks() -> None:
    with pytest.raises(TemplateError, match="undefined"):
        render("{{ no_such_thing }}")


def test_gh_refuses_anything_but_a_context_path() -> None:
    assert render("{{ gh('github.sha') }}") == "${{ github.sha }}"
    with pytest.raises(TemplateError, match="context path"):
        render("{{ gh('github.sha }} ${{ secrets.X') }}")


def test_html_files_escape_values_by_default() -> None:
    template = inline("<p>{{ v }}</p>", name="files/index.html.jinja")
    out = render_project(template, {"mentors": [], "v": "</script><b>"}).files["index.html"]
    assert out == b"<p>&lt;/script&gt;&lt;b&gt;</p>"
