"""From cohort.yml text to a validated Cohort (pure); ``cohort.loading`` reads it from a path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from cohort.config.checks import check_cohort
from cohort.config.errors_map import problems_from
from cohort.config.model import CohortFile
from cohort.config.repair import repaired
from cohort.config.source import Document, format_path, read_document
from cohort.errors import InvalidInput, Problem


@dataclass(frozen=True)
class LoadedCohort:
    """A validated cohort with where it came from."""

    cohort: CohortFile
    file: str
    document: Document
    templates_dirs: tuple[Path, ...] = ()


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
    return LoadedCohort(cohort, file, doc)


def _cross_checks(doc: Document, exc: ValidationError, known: Iterable[str]) -> list[Problem]:
    """Cross-reference problems of the file with its malformed values set to their defaults."""
    fixed = repaired(doc.data, exc, CohortFile) if isinstance(doc.data, dict) else None
    if fixed is None:
        return []
    data, paths = fixed
    try:
        cohort = CohortFile.model_validate(data)
    except ValidationError:
        return []
    skip = {format_path(p) for p in paths}
    return [
        p
        for p in check_cohort(cohort, doc, known)
        if not any(p.path == s or p.path.startswith(s + ".") for s in skip)
    ]
