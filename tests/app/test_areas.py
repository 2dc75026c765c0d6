"""Area label rules: labeler-style globs and a tolerant config parser."""

from __future__ import annotations

import pytest

from cohort.app.areas import area_labels, matches, parse_rules


@pytest.mark.parametrize(
    ("path", "pattern", "hit"),
    [
        ("src/app.js", "src/**", True),
        ("src/a/b/c.js", "src/**/*.js", True),
        ("src/app.js", "src/**/*.js", True),
        ("lib/app.js", "src/**", False),
        ("README.md", "*.md", True),
        ("docs/x.md", "*.md", False),
        ("docs/x.md", "**/*.md", True),
        ("a.css", "*.{js,css}", True),
        ("a.ts", "*.{js,css}", False),
        ("v1.py", "v?.py", True),
        ("v10.py", "v?.py", False),
        ("b.py", "[a-c].py", True),
        ("d.py", "[!a-c].py", True),
        (".github/workflows/ci.yml", ".github/**", True),
    ],
)
def test_glob_matching(path: str, pattern: str, hit: bool) -> None:
    assert matches(path, pattern) is hit


def test_labels_follow_the_rules_with_negation() -> None:
    rules = parse_rules(
        "'area: api':\n  - 'api/**'\n  - '!api/**/*.md'\n'area: docs': ['**/*.md']\n"
    )
    assert area_labels(rules, ["api/x.md"]) == {"area: docs"}
    assert area_labels(rules, ["api/main.py", "README.md"]) == {"area: api", "area: docs"}
    assert area_labels(rules, []) == frozenset()


def test_labeler_v5_entries_are_understood() -> None:
    text = "docs:\n- changed-files:\n  - any-glob-to-any-file: ['docs/**']\n"
    assert parse_rules(text) == {"docs": ("docs/**",)}


@pytest.mark.parametrize("text", [None, "", "- a\n- b\n", ": : :", "x: 3\n", "a" * 70_000])
def test_malformed_configs_give_no_rules(text: str | None) -> None:
    assert parse_rules(text) == {}
