"""Size labels: changed lines written by people, bucketed XS…XXL."""

from __future__ import annotations

import pytest

from cohort.app.size import ChangedFile, changed_lines, is_generated, size_label


@pytest.mark.parametrize(
    ("lines", "label"),
    [
        (0, "size/XS"),
        (9, "size/XS"),
        (10, "size/S"),
        (29, "size/S"),
        (30, "size/M"),
        (100, "size/L"),
        (499, "size/L"),
        (500, "size/XL"),
        (1000, "size/XXL"),
    ],
)
def test_size_buckets_match_the_label_catalogue(lines: int, label: str) -> None:
    assert size_label(lines) == label


@pytest.mark.parametrize(
    "path",
    [
        "package-lock.json",
        "web/yarn.lock",
        "poetry.lock",
        "uv.lock",
        "go.sum",
        "dist/app.js",
        "static/app.min.js",
        "x/__snapshots__/a.snap",
        "api/v1_pb2.py",
        "node_modules/a/b.js",
    ],
)
def test_generated_files_are_recognised(path: str) -> None:
    assert is_generated(path)


def test_changed_lines_skip_generated_files() -> None:
    files = [
        ChangedFile("src/a.py", 7, 3),
        ChangedFile("uv.lock", 900, 900),
        ChangedFile("distribution.md", 1, 0),
    ]
    assert changed_lines(files) == 11
