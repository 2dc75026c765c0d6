"""The built-in kinds, one module each; importing this package registers every one of them.

A module here defines its payload type, its differ, and calls ``register`` with its place in
the plan. Modules are found by listing the package, so a new kind is one new module here plus
its writer in ``cohort.github.writers``.
"""

from __future__ import annotations

import importlib
import pkgutil

from cohort.reconcile.registry import KindSpec, kind, kinds, order

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["KindSpec", "kind", "kinds", "order"]
