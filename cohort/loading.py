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
from cohort.templates import TemplateError, available_templates

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
    extra = organizer_templates(doc, path, name)
    try:
        known = available_templates(extra)
    except TemplateError as exc:
        raise InvalidInput([Problem(name, 0, 0, "templates_dir", str(exc))]) from None
    loaded = validate_document(doc, known)
    return LoadedCohort(loaded.cohort, loaded.file, loaded.document, extra, loaded.warnings)


def organizer_templates(doc: Document, path: Path, name: str) -> tuple[Path, ...]:
    """The organizer's templates folder (``templates_dir``, default ``templates``) if it exists.

    Read from the parsed document before validation (validation needs the template names); a
    value the model would refuse (absolute, ``..``) is never looked at and is reported by
    validation. The folder must lie inside the repository holding cohort.yml, reached without
    symbolic links.
    """
    value = doc.data.get("templates_dir") if isinstance(doc.data, dict) else None
    valid = isinstance(value, str) and re.fullmatch(TEMPLATES_DIR_RE, value)
    chosen = value if valid and isinstance(value, str) else DEFAULT_TEMPLATES_DIR
    parts = chosen.split("/")
    if chosen.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return ()
    base = path.parent.absolute()
    for depth in range(1, len(parts) + 1):
        step = base.joinpath(*parts[:depth])
        if step.is_symlink():
            message = (
                f"{step} is a symbolic link; symbolic links are refused in templates "
                "(keep the templates in the organizer repository)"
            )
            raise InvalidInput([Problem(name, 0, 0, "templates_dir", message)])
    folder = base.joinpath(*parts)
    if not folder.is_dir():
        return ()
    root = repository_root(base)
    if not folder.resolve().is_relative_to(root):
        message = f"{folder} is outside the repository {root}"
        raise InvalidInput([Problem(name, 0, 0, "templates_dir", message)])
    return (folder,)


def repository_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``.git``, else ``start`` (resolved)."""
    real = start.resolve()
    for folder in (real, *real.parents):
        if (folder / ".git").exists():
            return folder
    return real
