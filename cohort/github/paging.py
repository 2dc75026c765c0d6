"""Page any connection to its end: GraphQL follow-up pages ride in later reads; REST pages."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cohort.errors import GitHubError
from cohort.github.batching import TooBigError, query_batch
from cohort.github.ports import GraphQLPort

PAGE = 100  # GitHub's maximum for first/last and per_page
RIDE = 10  # follow-up pages carried by one batched read of something else (1,000 nodes)
DRAIN = 25  # follow-up pages per document once nothing else is left to read
PAGE_INFO = "pageInfo { hasNextPage endCursor }"

# How to reach an object from the query root: (field, arguments) pairs, outermost first,
# e.g. (("organization", 'login: "o"'), ("team", 'slug: "t"')).
Owner = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Connection:
    """One connection field read page by page: ``members(first: 100, ...) { edges ... }``."""

    name: str
    selection: str  # edges { ... } and/or nodes { ... }
    args: str = ""  # extra arguments, e.g. "membership: IMMEDIATE"
    alias: str = ""
    size: int = PAGE

    @property
    def key(self) -> str:
        return self.alias or self.name

    def text(self, after: str | None = None) -> str:
        args = [f"first: {self.size}"]
        if after:
            args.append(f"after: {json.dumps(after)}")
        if self.args:
            args.append(self.args)
        alias = f"{self.alias}: " if self.alias else ""
        return f"{alias}{self.name}({', '.join(args)}) {{ {self.selection} {PAGE_INFO} }}"


def fields(connections: Sequence[Connection]) -> str:
    """The first page of each connection, for a selection set."""
    return " ".join(c.text() for c in connections)


@dataclass
class Pending:
    """A connection with more pages: where it lives, its cursor, and the dict to extend."""

    owner: Owner
    connection: Connection
    cursor: str
    target: dict[str, Any]

    def text(self, alias: str) -> str:
        inner = self.connection.text(self.cursor)
        for name, args in reversed(self.owner):
            inner = f"{name}({args}) {{ {inner} }}" if args else f"{name} {{ {inner} }}"
        return f"{alias}: {inner}"

    def page_of(self, data: dict[str, Any], alias: str) -> dict[str, Any] | None:
        node: Any = data.get(alias)
        for name, _ in self.owner[1:]:
            if name.startswith("..."):  # an inline fragment adds no level to the answer
                continue
            node = node.get(name) if isinstance(node, dict) else None
        page = node.get(self.connection.key) if isinstance(node, dict) else None
        return page if isinstance(page, dict) else None


def more(
    node: dict[str, Any] | None, owner: Owner, connections: Sequence[Connection]
) -> list[Pending]:
    """The connections of ``node`` (a parsed answer) that have further pages."""
    out = []
    for c in connections:
        page = (node or {}).get(c.key)
        info = page.get("pageInfo") if isinstance(page, dict) else None
        if isinstance(page, dict) and info and info.get("hasNextPage") and info.get("endCursor"):
            out.append(Pending(owner, c, str(info["endCursor"]), page))
    return out


@dataclass
class Pager:
    """Follow-up pages still to read; they ride along in other batched reads, then drain."""

    pending: list[Pending] = field(default_factory=list)
    reads: int = 0

    def add(self, items: Sequence[Pending]) -> None:
        self.pending += items

    def take(self, n: int) -> list[Pending]:
        taken, self.pending = self.pending[:n], self.pending[n:]
        return taken

    def give_back(self, items: list[Pending]) -> None:
        self.pending[:0] = items

    @staticmethod
    def text(riders: Sequence[Pending]) -> str:
        return " ".join(p.text(f"p{i}") for i, p in enumerate(riders))

    def absorb(self, data: dict[str, Any], riders: Sequence[Pending]) -> None:
        """Append each rider's page to its connection; queue the next page where there is one."""
        for i, p in enumerate(riders):
            page = p.page_of(data, f"p{i}")
            if page is None:  # the owner disappeared meanwhile: the next plan reads it again
                continue
            for part in ("edges", "nodes"):
                if part in page:
                    p.target[part] = list(p.target.get(part) or []) + list(page[part] or [])
            info = page.get("pageInfo") or {}
            p.target["pageInfo"] = info
            if info.get("hasNextPage") and info.get("endCursor"):
                self.pending.append(
                    Pending(p.owner, p.connection, str(info["endCursor"]), p.target)
                )

    def drain(self, client: GraphQLPort, per_document: int = DRAIN) -> None:
        """Read every remaining page; a document refused as too big carries half as many."""
        while self.pending:
            riders = self.take(per_document)
            try:
                result = query_batch(client, "query { " + self.text(riders) + " }", len(riders))
            except TooBigError:
                self.give_back(riders)
                per_document = max(1, len(riders) // 2)
                continue
            self.absorb(result.data, riders)


def send_riding(
    client: GraphQLPort, pager: Pager, size: int, document: Callable[[str], str]
) -> dict[str, Any]:
    """Send ``document(extra)`` with waiting follow-up pages as ``extra``; alone if too big."""
    riders = pager.take(RIDE)
    try:
        result = query_batch(client, document(pager.text(riders)), size + len(riders))
    except TooBigError:
        pager.give_back(riders)
        if not riders:
            raise
        result = query_batch(client, document(""), size)
        riders = []
    pager.absorb(result.data, riders)
    return result.data


def rest_pages(fetch: Callable[[dict[str, Any]], Any], what: str = "a REST list") -> list[Any]:
    """Every item of a REST list: ``fetch(params)`` page by page, 100 a page, until one is short.

    A page that is not a list raises GitHubError naming ``what``.
    """
    items: list[Any] = []
    page = 1
    while True:
        batch = fetch({"per_page": PAGE, "page": page})
        if not isinstance(batch, list):
            raise GitHubError(f"{what} did not answer with a list")
        items += batch
        if len(batch) < PAGE:
            return items
        page += 1
