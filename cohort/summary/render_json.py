"""A Summary as JSON for scripts: stable keys, ISO dates, sorted and indented."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from cohort.summary.activity import time_text
from cohort.summary.model import Summary

SCHEMA_VERSION = 1


def summary_data(summary: Summary) -> dict[str, Any]:
    """Plain data: dataclasses become objects, dates ISO strings, tuples lists."""
    data = _plain(dataclasses.asdict(summary))
    assert isinstance(data, dict)
    for team, source in zip(data["teams"], summary.teams, strict=True):
        for m, progress in zip(team["milestones"], source.milestones, strict=True):
            m["percent"] = progress.percent
    return {"version": SCHEMA_VERSION, **data}


def render_json(summary: Summary) -> str:
    return json.dumps(summary_data(summary), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return time_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 2)
    return value
