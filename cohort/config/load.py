"""From cohort.yml text to a validated Cohort (pure), and from a path (the one I/O step)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from cohort.config.checks import check_cohort, cohort_warnings
from cohort.config.errors_map import problems_from
from cohort.config.model import CohortFile
from cohort.config.repair import repair
from cohort.config.source import Document, format_path, read_document
from cohort.config.source import Path as SourcePath
from cohort.errors import InvalidInput, Problem


@dataclass(frozen=True)
class LoadedCohort:
    """A validated cohort with where it came from."""

    cohort: CohortFile
    file: str
    document: Document
    templates_dirs: tuple[Path, ...] = ()
    warnings: tuple[Problem, ...] = ()


def parse_cohort(text: str | bytes, file: str, known_templates: Iterable[str]) -> LoadedCohort:
    """Validate cohort text; raise InvalidInput listing every problem."""
    doc = read_document(text, file)
    if not isinstance(doc.data, dict):
        raise InvalidInput([Problem(file, 1, 1, "", "the top level must be a mapping of keys")])
    try:
        cohort = CohortFile.model_validate(doc.data)
    except ValidationError as exc:
        problems = problems_from(exc, doc, CohortFile)
        raise InvalidInput(problems + _cross_checks(doc, exc, known_templates)) from None
    problems = check_cohort(cohort, doc, known_templates)
    if problems:
        raise InvalidInput(problems)
    return LoadedCohort(cohort, file, doc, warnings=tuple(sorted(cohort_warnings(cohort, doc))))


def _cross_checks(doc: Document, exc: ValidationError, known: Iterable[str]) -> list[Problem]:
    """Cross-reference problems of the file with its malformed values set aside."""
    fixed = repair(doc.data, exc, CohortFile) if isinstance(doc.data, dict) else None
    if fixed is None:
        return []
    try:
        cohort = CohortFile.model_validate(fixed.data)
    except ValidationError:
        return []
    view = _Remapped(doc.file, doc.data, doc.positions, doc.key_positions, fixed.original)
    skip = [format_path(p) for p in [*fixed.removed, *fixed.dropped]]
    return [
        p
        for p in check_cohort(cohort, view, known)
        if not any(_related(p.path, s) for s in skip)
        and not any(f"'{name}'" in p.message for name in fixed.names)
    ]


def _related(found: str, skipped: str) -> bool:
    """True when a problem is at, inside or around a value that was set aside: it could be a
    consequence of the repair (a team whose only mentor was dropped has "no mentors")."""
    inner, outer = (found, skipped) if len(found) >= len(skipped) else (skipped, found)
    return bool(outer) and (inner == outer or inner.startswith((outer + ".", outer + "[")))


@dataclass
class _Remapped(Document):
    """The document as seen through a repair: list indexes are mapped back before locating."""

    remap: Callable[[SourcePath], SourcePath] = lambda path: path

    def problem(
        self, path: SourcePath, message: str, hint: str = "", *, key: bool = False
    ) -> Problem:
        return super().problem(self.remap(path), message, hint, key=key)


def load_cohort(path: Path, display: str | None = None) -> LoadedCohort:
    """Read and validate a cohort file, resolving its organizer templates folder."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput([Problem(name, 0, 0, "", "file not found")]) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(name, 0, 0, "", "is a directory, not a file")]) from None
    except OSError as exc:
        raise InvalidInput([Problem(name, 0, 0, "", f"cannot read: {exc.strerror}")]) from None
    extra = organizer_templates(raw, path, name)
    from cohort.templates import TemplateError, available_templates

    try:
        known = available_templates(extra)
    except TemplateError as exc:
        raise InvalidInput([Problem(name, 0, 0, "templates_dir", str(exc))]) from None
    loaded = parse_cohort(raw, name, known)
    return LoadedCohort(loaded.cohort, loaded.file, loaded.document, extra, loaded.warnings)


def organizer_templates(raw: bytes, path: Path, name: str) -> tuple[Path, ...]:
    """The organizer's templates folder (``templates_dir``, default ``templates``) if it exists.

    The folder must lie inside the repository holding cohort.yml, reached without symbolic
    links; an absolute or ``..`` value is never looked at (validation reports it).
    """
    match = re.search(rb"^templates_dir:\s*['\"]?([A-Za-z0-9._/-]+)", raw, re.MULTILINE)
    value = match.group(1).decode() if match else "templates"
    parts = value.split("/")
    if value.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return ()
    base = path.parent.absolute()
    folder = base.joinpath(*parts)
    for depth in range(1, len(parts) + 1):
        step = base.joinpath(*parts[:depth])
        if step.is_symlink():
            raise InvalidInput(
                [
                    Problem(
                        name,
                        0,
                        0,
                        "templates_dir",
                        f"{step} is a symbolic link; symbolic links are refused in templates "
                        "(keep the templates in the organizer repository)",
                    )
                ]
            )
    if not folder.is_dir():
        return ()
    root = repository_root(base)
    if not folder.resolve().is_relative_to(root):
        raise InvalidInput(
            [Problem(name, 0, 0, "templates_dir", f"{folder} is outside the repository {root}")]
        )
    return (folder,)


def repository_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``.git``, else ``start`` (resolved)."""
    real = start.resolve()
    for folder in (real, *real.parents):
        if (folder / ".git").exists():
            return folder
    return real
