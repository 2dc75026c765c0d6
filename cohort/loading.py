"""Load a cohort file from disk: read it, find its organizer templates, validate it.

This is the one I/O step before validation, and the seam between ``cohort.config`` (the
file) and ``cohort.templates`` (which templates exist); neither package imports the other's
way round.
"""

from __future__ import annotations

import re
from pathlib import Path

from cohort.config.load import LoadedCohort, validate_document
from cohort.config.model import TEMPLATES_DIR_RE
from cohort.config.source import Document, read_document
from cohort.errors import InvalidInput, Problem
from cohort.templates import available_templates

DEFAULT_TEMPLATES_DIR = "templates"


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
    doc = read_document(raw, name)
    extra = organizer_templates(doc, path)
    loaded = validate_document(doc, available_templates(extra))
    return LoadedCohort(loaded.cohort, loaded.file, loaded.document, extra)


def organizer_templates(doc: Document, path: Path) -> tuple[Path, ...]:
    """The organizer's templates folder (``templates_dir``, default ``templates``) if it exists.

    Read from the parsed document before validation (validation needs the template names); a
    value the model would refuse is ignored here and reported by validation.
    """
    value = doc.data.get("templates_dir") if isinstance(doc.data, dict) else None
    valid = isinstance(value, str) and re.fullmatch(TEMPLATES_DIR_RE, value)
    folder = path.parent / (value if valid and isinstance(value, str) else DEFAULT_TEMPLATES_DIR)
    return (folder,) if folder.is_dir() else ()
