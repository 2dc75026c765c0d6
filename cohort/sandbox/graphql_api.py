"""POST /graphql: validate against GitHub's published schema, then execute over the state."""

from __future__ import annotations

import functools
import json
import re
from typing import TYPE_CHECKING, Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    build_client_schema,
    execute_sync,
    parse,
    validate,
)

from cohort.sandbox import graphql_limits
from cohort.sandbox import graphql_views as v
from cohort.sandbox.auth import Principal, missing_scopes
from cohort.sandbox.graphql_mutations import MUTATIONS, MutationCtx
from cohort.sandbox.routing import graphql_introspection
from cohort.sandbox.wire import ApiError, Ctx, Response, iso

if TYPE_CHECKING:
    from cohort.sandbox.core import Outcome, Sandbox

_UNDEFINED_FIELD = re.compile(r"Cannot query field '([^']+)' on type '([^']+)'\.")


@functools.cache
def schema() -> GraphQLSchema:
    """GitHub's schema, built once per process (self-validation skipped on purpose)."""
    introspection: Any = graphql_introspection()
    return build_client_schema(introspection, assume_valid=True)


def _error(err: GraphQLError) -> dict[str, Any]:
    out: dict[str, Any] = {"message": err.message}
    found = _UNDEFINED_FIELD.match(err.message)
    if found:
        out["message"] = f"Field '{found[1]}' doesn't exist on type '{found[2]}'"
        out["extensions"] = {"code": "undefinedField", "typeName": found[2], "fieldName": found[1]}
    original = err.original_error
    if isinstance(original, v.GqlError):
        out = {"type": original.kind, **out}
    if err.path:
        out["path"] = list(err.path)
    if err.locations:
        out["locations"] = [{"line": loc.line, "column": loc.column} for loc in err.locations]
    return out


def _resolve(source: Any, info: Any, **args: Any) -> Any:
    value = source.get(info.field_name) if isinstance(source, dict) else None
    return value(**args) if callable(value) else value


def _type_of(value: Any, info: Any, abstract: Any) -> str | None:
    del info, abstract
    return value.get("__typename") if isinstance(value, dict) else None


def _query_root(sb: Sandbox, who: Principal) -> dict[str, Any]:
    state = sb.state
    from cohort.sandbox.rest_invitations import expire

    for org in state.orgs.values():  # as on GitHub: an expired invitation is pending nowhere
        expire(state, org, sb.clock.wall())

    def repository(owner: str, name: str, **_: Any) -> Any:
        repo = state.repo(owner, name)
        missing = missing_scopes(who, "contents", "read", repo) if repo else ""
        if missing:
            raise v.GqlError("INSUFFICIENT_SCOPES", missing)
        visible = repo is not None and _visible(sb, who, repo)
        if repo is None or not visible:
            raise v.GqlError(
                "NOT_FOUND", f"Could not resolve to a Repository with the name '{owner}/{name}'."
            )
        return v.repository(state, repo)

    def organization(login: str) -> Any:
        if login not in state.orgs:
            raise v.GqlError(
                "NOT_FOUND", f"Could not resolve to an Organization with the login of '{login}'."
            )
        return v.organization(state, login)

    reset = iso(sb.clock.wall() // 3600 * 3600 + 3600)
    return {
        "viewer": v.user(state, who.login),
        "repository": repository,
        "organization": organization,
        "user": lambda login: _person(state, login),
        "rateLimit": lambda **_: {
            "cost": 1,
            "limit": 5000,
            "remaining": 4999,
            "used": 1,
            "resetAt": reset,
            "nodeCount": 1,
        },
    }


def _person(state: Any, login: str) -> Any:
    """``user(login:)`` as GitHub answers it: any case, canonical login, no organization or bot."""
    found = next((u for u in state.users.values() if u.login.lower() == login.lower()), None)
    if found is None or found.type != "User":
        raise v.GqlError("NOT_FOUND", f"Could not resolve to a User with the login of '{login}'.")
    return v.user(state, found.login)


def _visible(sb: Sandbox, who: Principal, repo: Any) -> bool:
    token = who.token
    if who.kind == "installation" and token is not None:
        return sb.state.token_reaches(token, repo)
    return sb.state.permission(who.login, repo) is not None


def _mutation_root(m: MutationCtx) -> dict[str, Any]:
    def wrap(name: str) -> Any:
        def run(input: dict[str, Any]) -> Any:
            if m.budget is not None and m.applied >= m.budget:
                raise v.GqlError(
                    "INTERNAL",
                    "Something went wrong while executing your query. Please try again later.",
                )
            m.applied += 1
            return MUTATIONS[name](m, input)

        return run

    return {name: wrap(name) for name in MUTATIONS}


def _operation(doc: Any, name: str | None) -> OperationDefinitionNode | None:
    ops = [d for d in doc.definitions if isinstance(d, OperationDefinitionNode)]
    if name:
        return next((o for o in ops if o.name and o.name.value == name), None)
    return ops[0] if len(ops) == 1 else None


@functools.lru_cache(maxsize=512)
def _prepare(text: str) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    """Parse and validate a document once per distinct text."""
    try:
        doc = parse(text)
    except GraphQLError as err:
        return None, (err,)
    return doc, tuple(validate(schema(), doc))


@functools.lru_cache(maxsize=512)
def _limits(text: str, name: str | None, variables: str) -> list[dict[str, Any]]:
    """GitHub's pagination and node-limit errors, once per distinct document and variables."""
    doc, _ = _prepare(text)
    op = _operation(doc, name) if doc is not None else None
    if doc is None or op is None:
        return []
    return graphql_limits.check(schema(), doc, op, json.loads(variables))


def run_graphql(sb: Sandbox, who: Principal, body: bytes) -> Outcome:
    """Answer one GraphQL request as an Outcome for the Sandbox to finish."""
    from cohort.sandbox.core import Outcome

    try:
        payload = json.loads(body or b"{}")
        text = str(payload["query"])
    except (ValueError, KeyError, TypeError):
        return Outcome(ApiError(400, "Problems parsing JSON").response(), "graphql:query", "read")
    doc, problems = _prepare(text)
    if doc is None:
        sb.record("request", "graphql", [p.message for p in problems])
        return Outcome(
            Response(200, {"errors": [_error(p) for p in problems]}), "graphql:query", "read"
        )
    op = _operation(doc, payload.get("operationName"))
    if problems or op is None:
        sb.record("request", "graphql", [p.message for p in problems] or ["no operation"])
        errors = [_error(p) for p in problems] or [{"message": "No operation given"}]
        return Outcome(Response(200, {"errors": errors}), "graphql:query", "read")
    variables = payload.get("variables") or {}
    name = payload.get("operationName")
    refused = _limits(text, name, json.dumps(variables, sort_keys=True, default=str))
    if refused:
        return Outcome(Response(200, {"errors": refused}), "graphql:query", "read")
    return _execute(sb, who, doc, op, variables)


def _execute(
    sb: Sandbox, who: Principal, doc: Any, op: OperationDefinitionNode, variables: dict[str, Any]
) -> Outcome:
    from cohort.sandbox.core import Outcome
    from cohort.sandbox.graphql_faults import fault_outcome

    is_mutation = op.operation == OperationType.MUTATION
    names = {s.name.value for s in op.selection_set.selections if hasattr(s, "name")}
    count = len(op.selection_set.selections) if is_mutation else 0
    label = "graphql:mutation" if is_mutation else "graphql:query"
    out = Outcome(Response(200), label, "write" if is_mutation else "read", count)
    out.fault = sb.pick_fault({label, *names}, is_mutation)
    early = fault_outcome(sb, who, out)
    if early is not None:
        return early
    m = MutationCtx(who, Ctx(sb.state, sb.clock.wall()))
    if out.fault is not None and out.fault.kind == "partial-batch":
        m.budget = count // 2
    root = _mutation_root(m) if is_mutation else _query_root(sb, who)
    result = execute_sync(
        schema(),
        doc,
        root_value=root,
        variable_values=variables,
        operation_name=op.name.value if op.name else None,
        field_resolver=_resolve,
        type_resolver=_type_of,
    )
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [_error(e) for e in result.errors]
    out.response = Response(200, body)
    out.created = m.ctx.created
    return out
