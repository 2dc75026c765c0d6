"""Checks on rendered file paths, and writing a rendered project to a folder (I/O)."""

from __future__ import annotations

import re
from pathlib import Path

from cohort.templates.model import RenderedProject, TemplateError, TemplateSecurityError

MAX_PATH = 255
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


def check_path(path: str) -> str:
    """Return ``path`` if it is a safe relative POSIX path inside the repository, else raise.

    Refused: empty, absolute, drive letters, backslashes, NUL or control characters, ``.`` or
    ``..`` components, empty components, and ``.git`` (any case) as any component.
    """
    problem = _path_problem(path)
    if problem:
        raise TemplateSecurityError(f"unsafe path {path!r}: {problem}")
    return path


def _path_problem(path: str) -> str:
    if not isinstance(path, str) or not path:
        return "empty"
    if len(path) > MAX_PATH:
        return f"longer than {MAX_PATH} characters"
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        return "control character (NUL, newline, ...)"
    if "\\" in path:
        return "backslash"
    if path.startswith("/") or _WINDOWS_DRIVE.match(path):
        return "absolute path"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return f"component {part!r}"
        if part.lower().rstrip(". ") == ".git":
            return "a .git component"
    return ""


def write_project(
    project: RenderedProject, out_dir: Path, *, overwrite: bool = False
) -> list[Path]:
    """Write every file under ``out_dir``; every path is checked before the first write.

    A folder that exists and is not empty is refused unless ``overwrite`` is true.
    """
    targets = _targets(project, out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise TemplateError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not overwrite:
        raise TemplateError(f"{out_dir} is not empty; refusing to write into it without overwrite")
    written: list[Path] = []
    for target, data in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink():
            raise TemplateSecurityError(
                f"{target} is a symbolic link; refusing to write through it"
            )
        target.write_bytes(data)
        written.append(target)
    return written


def _targets(project: RenderedProject, out_dir: Path) -> list[tuple[Path, bytes]]:
    base = out_dir.resolve()
    targets = []
    for name in sorted(project.files):
        check_path(name)
        target = base.joinpath(*name.split("/"))
        if not target.resolve().is_relative_to(base):
            raise TemplateSecurityError(f"unsafe path {name!r}: leaves {out_dir}")
        targets.append((target, project.files[name]))
    return targets
