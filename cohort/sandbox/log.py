"""The sandbox's request log and counters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the sandbox saw it."""

    method: str
    path: str
    operation: str
    kind: str  # "read" | "write"
    mutations: int
    content_created: int
    status: int
    time: float


def counters(log: list[LoggedRequest]) -> dict[str, int]:
    """requests, reads, writes, mutations, content_created over a log."""
    return {
        "requests": len(log),
        "reads": sum(1 for r in log if r.kind == "read"),
        "writes": sum(1 for r in log if r.kind == "write"),
        "mutations": sum(r.mutations for r in log),
        "content_created": sum(r.content_created for r in log),
    }
