"""Read the measurements CSV and summarize it per category (standard library only)."""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    date: str
    category: str
    value: float


@dataclass(frozen=True)
class Summary:
    category: str
    count: int
    mean: float
    minimum: float
    maximum: float


def read_rows(path: Path) -> list[Row]:
    """Rows of a CSV with columns date, category, value; blank values are skipped."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Row(record["date"], record["category"], float(record["value"]))
            for record in csv.DictReader(handle)
            if record["value"].strip()
        ]


def summarize(rows: list[Row]) -> list[Summary]:
    """Count, mean, min and max per category, sorted by category."""
    groups: dict[str, list[float]] = {}
    for row in rows:
        groups.setdefault(row.category, []).append(row.value)
    return [
        Summary(name, len(values), round(statistics.fmean(values), 2), min(values), max(values))
        for name, values in sorted(groups.items())
    ]
