"""Drop the values that failed validation, so cross-reference checks can still run (pure).

Reporting every problem at once means cross-reference checks (unknown people, capacity, …)
must run even when some values are malformed. A malformed value whose key has a default is
removed, so the default applies; a missing required key or a malformed list item cannot be
repaired, and then only the structural problems are reported.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, ValidationError

from cohort.config.errors_map import clean_loc, model_at
from cohort.config.source import Path


def repaired(
    data: dict[str, Any], exc: ValidationError, root: type[BaseModel]
) -> tuple[dict[str, Any], list[Path]] | None:
    """A copy of ``data`` without the failing values, and their paths; None if impossible."""
    out = copy.deepcopy(data)
    paths: list[Path] = []
    for err in exc.errors(include_url=False):
        loc = clean_loc(err)
        if err["type"] == "missing" or not loc or isinstance(loc[-1], int):
            return None
        parent = _get(out, loc[:-1])
        if not isinstance(parent, dict) or not _has_default(root, loc):
            return None
        parent.pop(str(loc[-1]), None)
        paths.append(loc)
    return out, paths


def _get(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _has_default(root: type[BaseModel], loc: Path) -> bool:
    model = model_at(root, loc[:-1])
    if model is None:
        return True  # an unknown key: removing it is the repair
    field = model.model_fields.get(str(loc[-1]))
    return field is None or not field.is_required()
