"""The kind registry: every kind of managed object is one registered :class:`KindSpec`.

The planner runs every registered differ in position order, so ``ORDER`` (what reviewers see
and what the plan digest covers) is derived from here; the executor asks the I/O side's
writer registry (``cohort.github.writers``) how to apply each kind. The built-in kinds live
one module each in ``cohort.reconcile.kinds``; importing that package registers them, so
consumers import the registry's functions from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from cohort.reconcile.model import ActualRepo, ActualState, DesiredRepo, DesiredState
from cohort.reconcile.plan import Change, Payload

Differ = Callable[[DesiredState, ActualState], list[Change]]
RepoDiffer = Callable[[DesiredRepo, ActualRepo | None], list[Change]]


def _no_access(desired: DesiredState) -> int:
    return 0


@dataclass(frozen=True)
class KindSpec:
    """One kind: its name, its place in the plan, its payload type, its differ."""

    name: str
    position: int  # plan order: a kind needs only what kinds with lower positions made
    payload: type[Payload]
    diff: Differ
    # memberships and grants of this kind the cohort manages (the base of the removal limit)
    managed: Callable[[DesiredState], int] = _no_access


class DuplicateKindError(ValueError):
    """Two kinds share a name or a position."""


_KINDS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    """Add ``spec`` to the registry; a name or position already taken is a bug."""
    if spec.name in _KINDS:
        raise DuplicateKindError(f"kind '{spec.name}' is registered twice")
    clash = [k.name for k in _KINDS.values() if k.position == spec.position]
    if clash:
        raise DuplicateKindError(f"kind '{spec.name}' has the position of '{clash[0]}'")
    _KINDS[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    """Remove a kind (tests register throwaway kinds and remove them again)."""
    _KINDS.pop(name, None)


@contextmanager
def registered(spec: KindSpec) -> Iterator[KindSpec]:
    """Register ``spec`` for the duration of a ``with`` block."""
    register(spec)
    try:
        yield spec
    finally:
        unregister(spec.name)


def kinds() -> tuple[KindSpec, ...]:
    """Every registered kind, in plan order (import ``cohort.reconcile.kinds`` for built-ins)."""
    return tuple(sorted(_KINDS.values(), key=lambda k: k.position))


def order() -> tuple[str, ...]:
    """The kind names in plan order."""
    return tuple(k.name for k in kinds())


def kind(name: str) -> KindSpec:
    return _KINDS[name]


def per_repo(differ: RepoDiffer) -> Differ:
    """A differ over every desired team repository and what GitHub has for it."""

    def diff(desired: DesiredState, actual: ActualState) -> list[Change]:
        out: list[Change] = []
        for name, repo in desired.repos.items():
            out += differ(repo, actual.repos.get(name))
        return out

    return diff
