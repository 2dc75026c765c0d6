"""Size labels by changed lines, ignoring generated files such as lockfiles (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cohort.labels import SIZE_LABELS

# (smallest changed-line count, label); the catalogue's descriptions say the same
THRESHOLDS: tuple[tuple[int, str], ...] = (
    (1000, "size/XXL"),
    (500, "size/XL"),
    (100, "size/L"),
    (30, "size/M"),
    (10, "size/S"),
    (0, "size/XS"),
)
SIZE_NAMES = frozenset(spec.name for spec in SIZE_LABELS)

GENERATED = re.compile(
    r"""(^|/)(
        package-lock\.json | npm-shrinkwrap\.json | yarn\.lock | pnpm-lock\.yaml | bun\.lockb
      | poetry\.lock | Pipfile\.lock | uv\.lock | pdm\.lock | Cargo\.lock | Gemfile\.lock
      | composer\.lock | go\.sum | flake\.lock | mix\.lock | pubspec\.lock | Podfile\.lock
      | (dist|build|vendor|node_modules|__generated__|\.next|coverage)/.*
      | .*\.min\.(js|css) | .*\.(js|css)\.map | .*\.snap | .*_pb2(_grpc)?\.pyi?
      | .*\.pb\.go | .*\.generated\.\w+
    )\Z""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class ChangedFile:
    """One file of a pull request's diff."""

    path: str
    additions: int
    deletions: int


def is_generated(path: str) -> bool:
    """Lockfiles, build output, minified bundles and other machine-written files."""
    return GENERATED.search(path) is not None


def changed_lines(files: Iterable[ChangedFile]) -> int:
    """Added plus deleted lines of the files a person wrote."""
    return sum(f.additions + f.deletions for f in files if not is_generated(f.path))


def size_label(lines: int) -> str:
    """``size/XS`` … ``size/XXL`` for a changed-line count."""
    return next(label for floor, label in THRESHOLDS if lines >= floor)
