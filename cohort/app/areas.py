"""Area labels from the team repository's path rules, actions/labeler style globs (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import yaml

CONFIG_PATH = ".github/cohort-labels.yml"
MAX_CONFIG_BYTES = 64 * 1024
MAX_RULES = 100

AreaRules = Mapping[str, tuple[str, ...]]


def parse_rules(raw: bytes | str | None) -> dict[str, tuple[str, ...]]:
    """``label -> globs`` from the config text; anything malformed yields no rules.

    Accepts a plain list of globs per label, or actions/labeler v5 entries
    (``- changed-files: - any-glob-to-any-file: [...]``): every string under a label is a glob.
    """
    if raw is None or len(raw) > MAX_CONFIG_BYTES:
        return {}
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    rules: dict[str, tuple[str, ...]] = {}
    for label, value in list(data.items())[:MAX_RULES]:
        globs = tuple(_strings(value))
        if isinstance(label, str) and label.strip() and globs:
            rules[label.strip()] = globs
    return rules


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


@lru_cache(maxsize=1024)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A compiled regex for a minimatch-style glob (``**``, ``*``, ``?``, ``{a,b}``, ``[…]``)."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        i += 1
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "{" and "}" in pattern[i:]:
            end = pattern.index("}", i)
            out.append("(?:" + "|".join(re.escape(p) for p in pattern[i:end].split(",")) + ")")
            i = end + 1
        elif c == "[" and "]" in pattern[i:]:
            end = pattern.index("]", i)
            body = pattern[i:end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(c))
    return re.compile("".join(out) + r"\Z")


def matches(path: str, pattern: str) -> bool:
    """Whether ``path`` matches one glob (a leading ``!`` is handled by the caller)."""
    return glob_regex(pattern.lstrip("/")).match(path) is not None


def label_matches(globs: tuple[str, ...], paths: Iterable[str]) -> bool:
    """True when some path matches a positive glob and none of the ``!`` globs."""
    positive = [g for g in globs if not g.startswith("!")]
    negative = [g[1:] for g in globs if g.startswith("!")]
    for path in paths:
        if any(matches(path, g) for g in positive) and not any(matches(path, g) for g in negative):
            return True
    return False


def area_labels(rules: AreaRules, paths: Iterable[str]) -> frozenset[str]:
    """Every label whose globs match at least one changed path."""
    files = tuple(paths)
    return frozenset(label for label, globs in rules.items() if label_matches(globs, files))
