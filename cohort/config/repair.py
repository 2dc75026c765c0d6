"""Set aside the values that failed validation, so cross-reference checks still run (pure).

Reporting every problem at once means cross-reference checks (unknown people, capacity, …)
must run even when some values are malformed. A malformed value whose key has a default is
removed, so the default applies; a malformed list item (a mentor without a name, a handle
with an ``@``) is dropped, and the paths of the problems found afterwards are mapped back to
the original indexes. Only a missing or malformed required key outside any list cannot be
repaired; then only the structural problems are reported.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from cohort.config.errors_map import clean_loc, model_at
from cohort.config.source import Path

_NAME_KEYS = ("handle", "id", "slug")


@dataclass
class Repair:
    """The repaired data, what was set aside, and how to map new list indexes back."""

    data: dict[str, Any]
    removed: list[Path] = field(default_factory=list)  # keys dropped so defaults apply
    dropped: list[Path] = field(default_factory=list)  # list items dropped (original indexes)
    names: set[str] = field(default_factory=set)  # handles/ids/slugs of the dropped items
    _kept: dict[Path, list[int]] = field(default_factory=dict)

    def original(self, path: Path) -> Path:
        """``path`` in the repaired data, as a path in the original data."""
        out: list[str | int] = []
        for part in path:
            if isinstance(part, int):
                kept = self._kept.get(tuple(out))
                part = kept[part] if kept is not None and part < len(kept) else part
            out.append(part)
        return tuple(out)


def repair(data: dict[str, Any], exc: ValidationError, root: type[BaseModel]) -> Repair | None:
    """A copy of ``data`` without the failing values; None if that cannot make it valid."""
    fixed = Repair(copy.deepcopy(data))
    for err in exc.errors(include_url=False):
        loc = clean_loc(err)
        if not loc:
            return None
        if err["type"] != "missing" and isinstance(loc[-1], str) and _has_default(root, loc):
            parent = _get(fixed.data, loc[:-1])
            if isinstance(parent, dict):
                parent.pop(loc[-1], None)
                fixed.removed.append(loc)
                continue
        item = _item_of(loc)
        if item is None:
            return None
        if item not in fixed.dropped:
            fixed.dropped.append(item)
    _drop_items(data, fixed)
    return fixed


def _item_of(loc: Path) -> Path | None:
    """The list item that holds ``loc`` (its deepest list index), if any."""
    for i in range(len(loc) - 1, -1, -1):
        if isinstance(loc[i], int):
            return loc[: i + 1]
    return None


def _drop_items(original: dict[str, Any], fixed: Repair) -> None:
    """Delete the dropped items, highest index first, and record which indexes remain."""
    for item in sorted(fixed.dropped, key=_sort_key, reverse=True):
        if any(item[: len(d)] == d and item != d for d in fixed.dropped):
            continue  # an ancestor goes too
        parent = _get(fixed.data, item[:-1])
        index = item[-1]
        if not isinstance(parent, list) or not isinstance(index, int) or index >= len(parent):
            continue
        gone = parent.pop(index)
        names = [gone.get(k) for k in _NAME_KEYS] if isinstance(gone, dict) else [gone]
        fixed.names |= {n.lstrip("@") for n in names if isinstance(n, str) and n.lstrip("@")}
    for item in fixed.dropped:
        prefix = item[:-1]
        length = _get(original, prefix)
        if isinstance(length, list):
            dropped_here = {d[-1] for d in fixed.dropped if d[:-1] == prefix}
            fixed._kept[prefix] = [i for i in range(len(length)) if i not in dropped_here]


def _sort_key(path: Path) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)


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
    field_info = model.model_fields.get(str(loc[-1]))
    return field_info is None or not field_info.is_required()
