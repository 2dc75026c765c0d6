"""Read sign-ups from a CSV export of a form tool, with a mapping from fields to column headers."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from cohort.errors import InvalidInput, Problem
from cohort.matching.forms import FIELDS
from cohort.matching.model import Source
from cohort.matching.records import Kind, RawRecord


def default_mapping(kind: Kind) -> dict[str, str]:
    """Field → column header when no mapping is given: the issue-form labels."""
    return {field.key: field.label for field in FIELDS[kind]}


def _columns(
    header: list[str], mapping: Mapping[str, str], kind: Kind, file: str
) -> dict[str, int]:
    known = {field.key for field in FIELDS[kind]}
    where = {name.strip().lower(): i for i, name in enumerate(header)}
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for key, column in mapping.items():
        if key not in known:
            problems.append(
                Problem(
                    file,
                    0,
                    0,
                    key,
                    f"unknown {kind} field in the column mapping",
                    f"known: {', '.join(sorted(known))}",
                )
            )
        elif column.strip().lower() in where:
            columns[key] = where[column.strip().lower()]
        elif any(f.key == key and f.required for f in FIELDS[kind]):
            problems.append(
                Problem(file, 1, 1, column, f"no column {column!r} for required field {key!r}")
            )
    if problems:
        raise InvalidInput(problems)
    return columns


def records(
    kind: Kind, text: str, file: str, mapping: Mapping[str, str] | None = None
) -> list[RawRecord]:
    """One raw sign-up per data row; row numbers are the line numbers of the file."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    rows: list[tuple[int, list[str]]] = []
    previous = 0
    for row in reader:
        rows.append((previous + 1, row))  # the line where the row starts
        previous = reader.line_num
    if not rows:
        raise InvalidInput([Problem(file, 0, 0, "", "the CSV file is empty")])
    header = rows[0][1]
    columns = _columns(header, mapping or default_mapping(kind), kind, file)
    labels = {key: header[i] for key, i in columns.items()}
    cols = {key: i + 1 for key, i in columns.items()}
    out: list[RawRecord] = []
    for line, row in rows[1:]:
        if any(cell.strip() for cell in row):
            values = {key: row[i] if i < len(row) else "" for key, i in columns.items()}
            out.append(RawRecord(kind, Source(file, line), values, labels, cols))
    return out
