"""Read sign-ups from the markdown GitHub renders for an issue form (``### Label`` sections)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from cohort.errors import InvalidInput, Problem
from cohort.matching.forms import FIELDS
from cohort.matching.model import Source
from cohort.matching.records import Kind, RawRecord

_HEADING = re.compile(r"^###\s+(.+?)\s*$", re.MULTILINE)
_BOX = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(.*)$")


def _norm(label: str) -> str:
    return " ".join(re.sub(r"\(.*?\)", "", label).lower().split())


def sections(body: str) -> dict[str, str]:
    """``### Label\\n\\nvalue`` sections as {label: value}; checkbox lists become ticked labels."""
    text = body.replace("\r\n", "\n")
    heads = list(_HEADING.finditer(text))
    out: dict[str, str] = {}
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out[head.group(1)] = _value(text[head.end() : end].strip())
    return out


def _value(raw: str) -> str:
    lines = [line for line in raw.splitlines() if line.strip()]
    boxes = [_BOX.match(line) for line in lines]
    if lines and all(boxes):
        return "\n".join(box.group(2).strip() for box in boxes if box and box.group(1) != " ")
    return raw


def record(kind: Kind, number: int, body: str) -> RawRecord:
    """One issue body as a raw sign-up of ``kind``; unknown sections are ignored."""
    by_label = {_norm(field.label): field for field in FIELDS[kind]}
    values: dict[str, str] = {}
    labels: dict[str, str] = {field.key: field.label for field in FIELDS[kind]}
    for label, value in sections(body).items():
        field = by_label.get(_norm(label))
        if field:
            values[field.key] = value
            labels[field.key] = label
    return RawRecord(kind, Source(f"issue #{number}"), values, labels)


def records(kind: Kind, issues: Sequence[Mapping[str, object]], file: str) -> list[RawRecord]:
    """Issues as exported by ``gh issue list --json number,body``; bad entries are problems."""
    out: list[RawRecord] = []
    problems: list[Problem] = []
    for index, issue in enumerate(issues):
        number, body = issue.get("number"), issue.get("body")
        if not isinstance(number, int) or not isinstance(body, str):
            problems.append(
                Problem(file, 0, 0, f"[{index}]", "an issue needs an integer 'number' and a 'body'")
            )
            continue
        out.append(record(kind, number, body))
    if problems:
        raise InvalidInput(problems)
    return out
