"""Filters: any value survives YAML, TOML and GitHub's expression evaluation unchanged."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cohort.templates import TemplateError, codeowners, codeowners_problems
from cohort.templates.filters import gha_env, md_inline, to_toml, to_yaml, uses

_LITERAL = re.compile(r"\$\{\{\s*'((?:[^']|'')*)'\s*\}\}")
text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)


@given(text)
def test_yaml_filter_round_trips_any_string(value: str) -> None:
    assert yaml.safe_load(f"key: {to_yaml(value)}\n") == {"key": value}


@given(st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=80))
def test_yaml_filter_writes_what_pyyaml_writes_for_ascii(value: str) -> None:
    dumped = yaml.safe_dump(value, default_style='"', width=float("inf"), allow_unicode=True)
    assert to_yaml(value) == dumped.removesuffix("\n").removesuffix("\n...")


@given(st.lists(text, max_size=5))
def test_yaml_filter_round_trips_lists(value: list[str]) -> None:
    assert yaml.safe_load(f"key: {to_yaml(value)}\n") == {"key": value}


@given(text)
def test_gha_env_leaves_no_live_expression_and_evaluates_back(value: str) -> None:
    parsed = yaml.safe_load(f"v: {gha_env(value)}\n")["v"]
    assert "${{" not in _LITERAL.sub("", parsed)
    assert _LITERAL.sub(lambda m: m.group(1).replace("''", "'"), parsed) == value


@given(text)
def test_toml_filter_round_trips_any_string(value: str) -> None:
    assert tomllib.loads(f"key = {to_toml(value)}\n") == {"key": value}


def test_md_inline_keeps_text_on_one_line_and_escapes_html() -> None:
    assert md_inline("a\n<b>|*c*") == "a \\<b\\>\\|\\*c\\*"


def test_uses_refuses_actions_outside_the_pin_table() -> None:
    with pytest.raises(TemplateError, match=r"action_pins\.yml"):
        uses("evil/action")
    assert re.fullmatch(r"actions/checkout@[0-9a-f]{40} # v\d+\.\d+\.\d+", uses("actions/checkout"))


def test_codeowners_lists_each_mentor_once_and_is_valid() -> None:
    text = codeowners(["alicia-dev", "bkumar", "Alicia-Dev"]).decode()
    assert "* @alicia-dev @bkumar\n" in text
    assert "/docs/design/ @alicia-dev @bkumar" in text
    assert codeowners_problems(text) == []


def test_codeowners_refuses_a_value_that_is_not_a_handle() -> None:
    for bad in ["a b", "@x", "-x", "x\n* @evil", ""]:
        with pytest.raises(TemplateError):
            codeowners([bad])


def test_the_codeowners_checker_flags_what_github_ignores() -> None:
    assert codeowners_problems("!x @a\n[ab] @a\n* not-an-owner\n")
