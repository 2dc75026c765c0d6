"""How each kind is written to GitHub: one registered :class:`Writer` per kind.

A writer either makes REST calls change by change (``write``) or builds GraphQL mutations
(``build``) that the executor batches with the other GraphQL kinds of the same phase. The
executor runs phases in ascending order; a phase holds only REST or only GraphQL writers.
Writer modules in this package are found by listing it, like the kinds they write.
"""

from __future__ import annotations

import importlib
import pkgutil

from cohort.github.writers.base import (
    Builder,
    WriteContext,
    Writer,
    each,
    register_writer,
    registered_writer,
    write_needs,
    writer,
    writers,
)

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module != "base":
        importlib.import_module(f"{__name__}.{_module}")

__all__ = [
    "Builder",
    "WriteContext",
    "Writer",
    "each",
    "register_writer",
    "registered_writer",
    "write_needs",
    "writer",
    "writers",
]
