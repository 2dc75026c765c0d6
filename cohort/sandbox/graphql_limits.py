"""GitHub's GraphQL limits, checked before a query runs (docs: "Rate limits and node limits").

- Every connection whose ``nodes`` or ``edges`` are asked for needs ``first`` or ``last``,
  between 1 and 100 (asking only its ``totalCount`` needs neither).
- The node count: for each connection, its ``first``/``last`` multiplied by those of every
  connection above it; the sum over all connections may not exceed 500,000.

Errors carry GitHub's ``type`` (``MISSING_PAGINATION_BOUNDARIES``, ``EXCESSIVE_PAGINATION``,
``MAX_NODE_LIMIT_EXCEEDED``) and its wording; the query then answers no ``data``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)

MAX_PAGE = 100
MAX_NODES = 500_000


@dataclass
class _Count:
    total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    over_at: str | None = None
    over_total: int = 0


def _fields(kind: GraphQLNamedType) -> dict[str, Any]:
    found = getattr(kind, "fields", None)
    return dict(found) if found else {}


def _items_asked(node: FieldNode) -> bool:
    chosen = node.selection_set.selections if node.selection_set else ()
    return any(isinstance(s, FieldNode) and s.name.value in ("nodes", "edges") for s in chosen)


def _page(node: FieldNode, variables: dict[str, Any], count: _Count) -> int | None:
    """The page size asked of a connection (None when refused or only counted)."""
    args = {a.name.value: value_from_ast_untyped(a.value, variables) for a in node.arguments or ()}
    name = node.name.value
    size: int | None = next(
        (int(args[k]) for k in ("first", "last") if isinstance(args.get(k), int)), None
    )
    if size is None and not _items_asked(node):
        return None
    if size is None:
        count.errors.append(
            {
                "type": "MISSING_PAGINATION_BOUNDARIES",
                "message": f"You must provide a `first` or `last` value to properly paginate "
                f"the `{name}` connection.",
            }
        )
        return None
    if not 0 <= size <= MAX_PAGE:
        which = "first" if isinstance(args.get("first"), int) else "last"
        count.errors.append(
            {
                "type": "EXCESSIVE_PAGINATION",
                "message": f"Requesting {size} records on the `{name}` connection exceeds the "
                f"`{which}` limit of {MAX_PAGE} records.",
            }
        )
        return None
    return size


def _walk(
    schema: GraphQLSchema,
    kind: GraphQLNamedType,
    selections: SelectionSetNode,
    context: tuple[dict[str, FragmentDefinitionNode], dict[str, Any]],
    above: int,
    count: _Count,
) -> None:
    fragments, variables = context
    for node in selections.selections:
        if isinstance(node, FragmentSpreadNode):
            spread = fragments.get(node.name.value)
            if spread is not None:
                inner = schema.get_type(spread.type_condition.name.value) or kind
                _walk(schema, inner, spread.selection_set, context, above, count)
        elif isinstance(node, InlineFragmentNode):
            named = node.type_condition
            inner = (schema.get_type(named.name.value) if named else None) or kind
            _walk(schema, inner, node.selection_set, context, above, count)
        elif isinstance(node, FieldNode):
            definition = _fields(kind).get(node.name.value)
            if definition is None:
                continue
            nodes = above
            if {"first", "last"} & set(definition.args):
                size = _page(node, variables, count)
                nodes = above * (size if size is not None else 1)
                count.total += nodes
                if count.total > MAX_NODES and count.over_at is None:
                    count.over_at, count.over_total = node.name.value, count.total
            if node.selection_set is not None:
                inner = get_named_type(definition.type)
                _walk(schema, inner, node.selection_set, context, nodes, count)


def check(
    schema: GraphQLSchema,
    doc: DocumentNode,
    op: OperationDefinitionNode,
    variables: dict[str, Any],
) -> list[dict[str, Any]]:
    """GitHub's errors for this query's pagination and node count ([] when within limits)."""
    root = schema.query_type if op.operation.value == "query" else schema.mutation_type
    if root is None:
        return []
    fragments = {d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)}
    count = _Count()
    _walk(schema, root, op.selection_set, (fragments, variables), 1, count)
    if count.errors:
        return count.errors
    if count.over_at is not None:
        return [
            {
                "type": "MAX_NODE_LIMIT_EXCEEDED",
                "message": f"By the time this query traverses to the {count.over_at} connection, "
                f"it is requesting up to {count.over_total:,} possible nodes which exceeds the "
                f"maximum limit of {MAX_NODES:,}.",
            }
        ]
    return []
