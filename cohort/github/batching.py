"""Batched GraphQL reads whose batch size adapts: halve a batch the server finds too big."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from cohort.errors import GitHubError
from cohort.github.ports import GraphQLPort, GraphQLResult
from cohort.github.transport import ReadFailedError

T = TypeVar("T")
R = TypeVar("R")
BATCH = 25
SHRINK_ON = frozenset({"RESOURCE_LIMITS_EXCEEDED", "TIMEOUT", "MAX_NODE_LIMIT_EXCEEDED"})


class TooBigError(Exception):
    """The server refused a batch as too expensive or too slow."""


def adaptive(
    items: Sequence[T], size: int, read: Callable[[list[T]], list[R]], name: Callable[[T], str]
) -> list[R]:
    """``read`` chunks of ``size`` items in order; a chunk refused as too big is halved."""
    out: list[R] = []
    pending = [list(items[i : i + size]) for i in range(0, len(items), size)]
    while pending:
        chunk = pending.pop(0)
        try:
            out += read(chunk)
        except TooBigError:
            if len(chunk) == 1:
                raise GitHubError(f"GitHub could not answer a read of '{name(chunk[0])}'") from None
            half = len(chunk) // 2
            pending[:0] = [chunk[:half], chunk[half:]]
    return out


def query_batch(client: GraphQLPort, document: str, size: int) -> GraphQLResult:
    """Send one batched read; raise TooBigError when a smaller batch could succeed."""
    try:
        result = client.graphql(document)
    except ReadFailedError:
        if size > 1:
            raise TooBigError from None
        raise
    limited = not result.data and result.errors and "limit" in str(result.errors).lower()
    if size > 1 and (result.error_types() & SHRINK_ON or limited):
        raise TooBigError
    raise_unexpected(result)
    return result


def raise_unexpected(result: GraphQLResult) -> None:
    """Raise for every GraphQL error except a repository or team that does not exist."""
    bad = [e for e in result.errors if e.get("type") != "NOT_FOUND"]
    if bad:
        raise GitHubError("GraphQL error: " + "; ".join(str(e.get("message")) for e in bad[:3]))
