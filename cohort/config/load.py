"""From cohort.yml text to a validated Cohort (pure); ``cohort.loading`` reads it from a path."""

from __future__ import annotations

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
    return validate_document(read_document(text, file), known_templates)


def validate_document(doc: Document, known_templates: Iterable[str]) -> LoadedCohort:
    """Validate a parsed cohort document; raise InvalidInput listing every problem."""
    file = doc.file
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
