"""The package has no import cycles between its parts, hidden in functions or not."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

COHORT = Path(__file__).resolve().parents[1] / "cohort"


def imported(tree: ast.AST) -> set[str]:
    """Every ``cohort.*`` module a file imports, at any depth (in-function imports included)."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cohort"):
            if node.module == "cohort":
                out |= {f"cohort.{a.name}" for a in node.names}
            else:
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("cohort.")}
    return out


def part_graph() -> dict[str, set[str]]:
    """Which top-level part of the package (``config``, ``cli``, ``naming.py``…) uses which."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in COHORT.rglob("*.py"):
        me = path.relative_to(COHORT).parts[0].removesuffix(".py")
        for module in imported(ast.parse(path.read_text(encoding="utf-8"))):
            other = module.split(".")[1]
            if other != me:
                graph[me].add(other)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected parts of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_parts_of_the_package_import_each_other_one_way() -> None:
    assert cycles(part_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"config": {"templates"}, "templates": {"config"}}) == [["config", "templates"]]
