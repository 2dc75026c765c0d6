"""The writer registry and what a writer gets to work with."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from cohort.errors import GitHubError
from cohort.github.ids import Ids
from cohort.github.mutations import Mutation
from cohort.github.ports import GitHubPort
from cohort.github.routes import Operation, Route
from cohort.reconcile.model import DesiredState
from cohort.reconcile.plan import Change


@dataclass
class WriteContext:
    """One apply's shared state: the client, the desired state, IDs known so far."""

    client: GitHubPort
    desired: DesiredState
    ids: Ids
    done: Callable[[Change], None]  # report one change as applied
    viewer: str = ""  # the identity applying (GitHub makes it maintainer of teams it creates)
    # changes GitHub would not take yet (invitations over the 24-hour quota): the next run's
    queued: list[Change] = field(default_factory=list)

    @property
    def org(self) -> str:
        return self.desired.org

    def repo_id(self, repo: str) -> str:
        if repo not in self.ids.repos:
            raise GitHubError(f"repository '{repo}' is not known yet; re-run to continue")
        return self.ids.repos[repo]

    def team_id(self, slug: str) -> str:
        if slug not in self.ids.teams:
            raise GitHubError(f"team '{slug}' is not known yet; re-run to continue")
        return self.ids.teams[slug][0]

    def head(self, repo: str) -> tuple[str, str]:
        if repo not in self.ids.heads:
            raise GitHubError(f"repository '{repo}' has no commit yet; re-run to continue")
        return self.ids.heads[repo]


Rest = Callable[[Sequence[Change], WriteContext], None]
Builder = Callable[[Sequence[Change], WriteContext], list[Mutation]]


@dataclass(frozen=True)
class Writer:
    """How one kind is applied: REST change by change, or GraphQL mutations to batch."""

    kind: str
    phase: int  # executor order; GraphQL writers of one phase share documents
    write: Rest | None = None  # REST: apply every change, calling ctx.done after each
    build: Builder | None = None  # GraphQL: the mutations, tagged with their changes
    needs: tuple[Route | Operation, ...] = ()  # what it calls: its permissions derive from this
    # Scheduling for writes that create content GitHub caps (80 a minute, 500 an hour):
    follows: str = ""  # REST: each change right after the change of this kind for its team
    content_after: tuple[str, ...] = ()  # each document (REST: each change) once these kinds
    # are done in its repositories and the caps let it go at once; other writes fill the waits

    def __post_init__(self) -> None:
        if (self.write is None) == (self.build is None):
            raise ValueError(f"writer for '{self.kind}' needs exactly one of write and build")


_WRITERS: dict[str, Writer] = {}


def register_writer(spec: Writer) -> Writer:
    if spec.kind in _WRITERS:
        raise ValueError(f"kind '{spec.kind}' has two writers")
    _WRITERS[spec.kind] = spec
    return spec


@contextmanager
def registered_writer(spec: Writer) -> Iterator[Writer]:
    """Register ``spec`` for the duration of a ``with`` block (tests)."""
    register_writer(spec)
    try:
        yield spec
    finally:
        _WRITERS.pop(spec.kind, None)


def writer(kind: str) -> Writer:
    if kind not in _WRITERS:
        raise AssertionError(f"no writer is registered for kind '{kind}'")
    return _WRITERS[kind]


def writers() -> dict[str, Writer]:
    return dict(_WRITERS)


def write_needs() -> tuple[Route | Operation, ...]:
    """Every route and mutation the registered writers call."""
    return tuple(need for w in _WRITERS.values() for need in w.needs)


def each(one: Callable[[Change, WriteContext], Mutation]) -> Builder:
    """A builder making one mutation per change, tagged with it and its repository."""

    def build(changes: Sequence[Change], ctx: WriteContext) -> list[Mutation]:
        out = []
        for change in changes:
            m = one(change, ctx)
            m.tags, m.repo = (change,), change.repo or ""
            out.append(m)
        return out

    return build
