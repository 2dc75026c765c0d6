"""Propose ``induction: completed`` for mentors as a minimal edit of cohort.yml text (pure)."""

from __future__ import annotations

import difflib
import re

from cohort.config.source import Document, read_document
from cohort.errors import UsageError

_PLAIN = re.compile(r"""("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)""")


def mark_inducted(text: str, handles: list[str], file: str = "cohort.yml") -> str:
    """``text`` with each mentor's induction set to completed; comments and layout kept."""
    for handle in handles:
        text = _mark_one(text, handle, file)
    return text


def induction_diff(old: str, new: str, file: str = "cohort.yml") -> str:
    """A unified diff of the change (what a reviewer sees in the PR)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{file}", f"b/{file}"
    )
    return "".join(lines)


def _mark_one(text: str, handle: str, file: str) -> str:
    doc = read_document(text, file)
    index = _mentor_index(doc, handle)
    path = ("mentors", index, "induction")
    lines = text.splitlines(keepends=True)
    if path in doc.positions:
        line, col = doc.positions[path]
        lines[line - 1] = _replace_token(lines[line - 1], col - 1, "completed")
    else:
        _insert(lines, doc, index)
    new = "".join(lines)
    _verify(new, file, index)
    return new


def _mentor_index(doc: Document, handle: str) -> int:
    data = doc.data if isinstance(doc.data, dict) else {}
    for i, mentor in enumerate(data.get("mentors") or []):
        if isinstance(mentor, dict) and str(mentor.get("handle", "")).lower() == handle.lower():
            return i
    raise UsageError(f"cohort.yml has no mentor '{handle}'")


def _replace_token(line: str, start: int, value: str) -> str:
    found = _PLAIN.match(line, start)
    end = found.end() if found else start
    return line[:start] + value + line[end:]


def _insert(lines: list[str], doc: Document, index: int) -> None:
    """Add the key after the handle: inline in a flow mapping, as a new line in a block one."""
    line, col = doc.positions[("mentors", index, "handle")]
    _, key_col = doc.key_positions[("mentors", index, "handle")]
    current = lines[line - 1]
    found = _PLAIN.match(current, col - 1)
    end = found.end() if found else col - 1
    before = current[: key_col - 1].rstrip()
    if before.endswith(("{", ",")):
        lines[line - 1] = current[:end] + ", induction: completed" + current[end:]
        return
    newline = "\r\n" if current.endswith("\r\n") else "\n"
    lines.insert(line, " " * (key_col - 1) + "induction: completed" + newline)


def _verify(new: str, file: str, index: int) -> None:
    """Refuse an edit that did not produce exactly the intended value."""
    data = read_document(new, file).data
    mentors = data.get("mentors") if isinstance(data, dict) else None
    if not isinstance(mentors, list) or mentors[index].get("induction") != "completed":
        raise UsageError(f"could not edit {file} safely; set the induction field by hand")
