"""Append people and teams to cohort.yml text, keeping every existing line and comment."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

import yaml

Item = Mapping[str, str | int | Sequence[str]]
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def scalar(value: str | int) -> str:
    """A YAML scalar that reads back as exactly ``value`` (quoted when in doubt)."""
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def _value(value: str | int | Sequence[str]) -> str:
    if isinstance(value, (str, int)):
        return scalar(value)
    return "[" + ", ".join(scalar(v) for v in value) + "]"


def flow_item(item: Item) -> str:
    """``{handle: x, name: "A B", skills: [a, b]}``."""
    return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in item.items()) + "}"


def block_item(item: Item, indent: int) -> list[str]:
    """A sequence entry in block style, one key per line."""
    lines = []
    for n, (key, value) in enumerate(item.items()):
        lead = " " * indent + ("- " if n == 0 else "  ")
        lines.append(f"{lead}{key}: {_value(value)}")
    return lines


def _last_line(node: yaml.Node) -> int:
    """0-based line of the last character that belongs to ``node``."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        mark = node.end_mark
        return mark.line if mark.column > 0 else mark.line - 1
    if isinstance(node, yaml.SequenceNode):
        return _last_line(node.value[-1])
    if isinstance(node, yaml.MappingNode):
        return _last_line(node.value[-1][1])
    return int(node.end_mark.line)  # pragma: no cover - no other node kinds


def _render(items: Sequence[Item], indent: int, flow: bool, comment: str) -> list[str]:
    lines = [" " * indent + f"# {comment}"] if comment else []
    for item in items:
        lines.extend([" " * indent + "- " + flow_item(item)] if flow else block_item(item, indent))
    return lines


def append_items(text: str, key: str, items: Sequence[Item], *, flow: bool, comment: str) -> str:
    """``text`` with ``items`` appended to the top-level sequence ``key`` (created if absent)."""
    if not items:
        return text
    lines = text.splitlines()
    root = yaml.compose(text)
    value = None
    if isinstance(root, yaml.MappingNode):
        value = next((v for k, v in root.value if k.value == key), None)
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        first = lines[value.value[0].start_mark.line]
        indent = len(first) - len(first.lstrip())
        at = _last_line(value) + 1
        return "\n".join(lines[:at] + _render(items, indent, flow, comment) + lines[at:]) + "\n"
    block = _render(items, 2, flow, comment)
    if value is not None and (_empty(value)):
        row = value.start_mark.line
        lines[row] = (
            lines[row][: value.start_mark.column].rstrip() + lines[row][value.end_mark.column :]
        )
        return "\n".join(lines[: row + 1] + block + lines[row + 1 :]) + "\n"
    if value is not None:
        raise ValueError(f"'{key}' in cohort.yml is written in flow style; make it a block list")
    return "\n".join([*lines, f"{key}:", *block]) + "\n"


def _empty(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return node.value in ("", "~", "null")
    return isinstance(node, yaml.SequenceNode) and not node.value
