"""Filters and globals templates use so values land in YAML, workflows and Markdown safely."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from cohort.templates.model import TemplateError

_GH_EXPRESSION = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)*$")
_WHITESPACE = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")
_SHA = re.compile(r"^[0-9a-f]{40}$")
_PLAIN_ASCII = re.compile(r"[ !#-\[\]-~]*")  # printable ASCII but " and \: nothing to escape


def to_yaml(value: object) -> str:
    """One line of YAML for ``value``: strings double-quoted, collections in flow style.

    Whatever a string holds (quotes, newlines, ``#``, ``: ``, odd Unicode), it parses back
    to itself.
    """
    if isinstance(value, Mapping):
        items = ", ".join(f"{to_yaml(k)}: {to_yaml(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(to_yaml(v) for v in value) + "]"
    if not isinstance(value, str | int | float | bool) and value is not None:
        raise TemplateError(f"the yaml filter takes text, numbers and collections, not {value!r}")
    if isinstance(value, str) and _PLAIN_ASCII.fullmatch(value):
        return f'"{value}"'  # what PyYAML writes for these, without its emitter
    return _scalar_yaml(value)


@lru_cache(maxsize=4096, typed=True)  # titles, briefs and names recur in every team's files
def _scalar_yaml(value: str | int | float | bool | None) -> str:
    style = '"' if isinstance(value, str) else None
    text = yaml.safe_dump(value, default_style=style, width=float("inf"), allow_unicode=True)
    text = text.removesuffix("\n").removesuffix("\n...")
    if "\n" in text:  # pragma: no cover - double-quoted style at infinite width is one line
        raise TemplateError("value does not fit on one YAML line")
    return text


def neutralize_expressions(value: str) -> str:
    """Text GitHub Actions evaluates back to ``value``: each ``${{`` becomes an expression."""
    return value.replace("${{", "${{ '${{' }}")


def gha_env(value: object) -> str:
    """A workflow ``env:`` value: YAML-quoted, with GitHub expressions neutralized."""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return to_yaml(neutralize_expressions(text))


def gh(expression: str) -> str:
    """A GitHub Actions expression over a context path, e.g. ``gh('github.sha')``.

    Only a dotted context path is accepted, so cohort values can never become expressions.
    """
    if not isinstance(expression, str) or not _GH_EXPRESSION.match(expression):
        raise TemplateError(f"gh() takes a context path such as 'github.sha', not {expression!r}")
    return "${{ " + expression + " }}"


def oneline(value: object) -> str:
    """The value on one line: runs of whitespace (newlines too) become one space."""
    return _WHITESPACE.sub(" ", str(value)).strip()


def md_inline(value: object) -> str:
    """The value as inline Markdown text: one line, Markdown and HTML characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", oneline(value))


def to_toml(value: object) -> str:
    """A TOML basic string for ``value`` (JSON escapes, plus DEL which TOML also forbids raw)."""
    text = json.dumps(str(value), ensure_ascii=False)
    return text.replace("\x7f", "\\u007f")


@cache
def action_pins() -> Mapping[str, tuple[str, str]]:
    """Action name -> (version, sha), from the committed table ``action_pins.yml``."""
    text = resources.files("cohort.templates").joinpath("action_pins.yml").read_text("utf-8")
    rows = yaml.safe_load(text)["pins"]
    pins: dict[str, tuple[str, str]] = {}
    for row in rows:
        if not _SHA.match(row["sha"]):
            raise TemplateError(f"action_pins.yml: {row['action']} has no full commit SHA")
        pins[row["action"]] = (row["version"], row["sha"])
    return pins


def uses(action: str) -> str:
    """A pinned ``uses:`` value: ``owner/repo@<40-hex sha> # vX.Y.Z`` from the pin table."""
    pins = action_pins()
    if action not in pins:
        known = ", ".join(sorted(pins))
        raise TemplateError(f"action {action!r} is not in action_pins.yml (known: {known})")
    version, sha = pins[action]
    return f"{action}@{sha} # {version}"


FILTERS: Mapping[str, Callable[..., Any]] = {
    "yaml": to_yaml,
    "gha_env": gha_env,
    "oneline": oneline,
    "toml": to_toml,
    "md": md_inline,
    "json": lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True),
}

GLOBALS: Mapping[str, Any] = {"gh": gh, "uses": uses}
