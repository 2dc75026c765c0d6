"""Check requests and responses against GitHub's published OpenAPI schemas."""

from __future__ import annotations

import functools
from typing import Any

from jsonschema import Draft4Validator

from cohort.sandbox.routing import Route, rest_spec


class ContractError(Exception):
    """A request or response that GitHub's published description does not allow."""

    def __init__(self, direction: str, operation: str, detail: str) -> None:
        super().__init__(f"{direction} {operation}: {detail}")
        self.direction = direction
        self.operation = operation
        self.detail = detail


def _oas_to_jsonschema(node: Any) -> Any:
    """Translate OpenAPI 3.0's ``nullable`` into JSON Schema.

    GitHub's description also uses ``oneOf`` for alternatives that overlap (a basic error is
    also a valid rule-violation error), so ``oneOf`` is read as ``anyOf``.
    """
    if isinstance(node, list):
        return [_oas_to_jsonschema(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {
        ("anyOf" if k == "oneOf" else k): _oas_to_jsonschema(v)
        for k, v in node.items()
        if k != "nullable"
    }
    if node.get("nullable") is True:
        return {"anyOf": [{"type": "null"}, out]}
    return out


@functools.cache
def _components() -> dict[str, Any]:
    translated: dict[str, Any] = _oas_to_jsonschema(rest_spec()["components"])
    return translated


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        _, _, kind, name = ref.split("/", 3)
        target: dict[str, Any] = rest_spec()["components"][kind][name]
        return target
    return node


@functools.cache
def _validator(operation_id: str, where: str, key: str) -> Draft4Validator | None:
    route = _route(operation_id)
    if where == "request":
        body = route.spec.get("requestBody")
        content = _resolve(body).get("content", {}) if body else {}
    else:
        answer = route.spec.get("responses", {}).get(key)
        content = _resolve(answer).get("content", {}) if answer else {}
    media = content.get("application/json")
    if media is None or "schema" not in media:
        return None
    schema = {"allOf": [_oas_to_jsonschema(media["schema"])], "components": _components()}
    return Draft4Validator(schema)


@functools.cache
def _route(operation_id: str) -> Route:
    from cohort.sandbox.routing import routes

    return next(r for r in routes() if r.operation_id == operation_id)


def _where(error: Any) -> str:
    return "/".join(str(p) for p in error.absolute_path) or "(root)"


def check_body(operation_id: str, body: Any) -> list[str]:
    """Problems with a request body, GitHub-style, or []."""
    validator = _validator(operation_id, "request", "")
    if validator is None:
        return []
    return [f"For '{_where(e)}', {e.message}." for e in validator.iter_errors(body)]


def _param_ok(value: str, schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    if kind == "integer":
        try:
            int(value)
        except ValueError:
            return False
    if kind == "boolean" and value not in ("true", "false"):
        return False
    enum = schema.get("enum")
    return not (enum and kind != "integer" and value not in enum)


def check_params(route: Route, place: str, values: dict[str, str]) -> list[str]:
    """Problems with path or query parameters."""
    problems = []
    for raw in route.spec.get("parameters", []):
        param = _resolve(raw)
        if param.get("in") != place:
            continue
        name = param["name"]
        if name not in values:
            if param.get("required") and place == "path":
                problems.append(f"missing path parameter {name}")
            continue
        if not _param_ok(values[name], _resolve(param.get("schema", {}))):
            problems.append(f"{name}={values[name]!r} does not match its schema")
    return problems


def check_response(operation_id: str, status: int, body: Any) -> list[str]:
    """Problems with a response body against the published schema for that status."""
    route = _route(operation_id)
    declared = route.spec.get("responses", {})
    if str(status) not in declared:
        if status < 400:
            return [f"status {status} is not a documented response"]
        return []
    validator = _validator(operation_id, "response", str(status))
    if validator is None:
        return [] if body is None else [f"status {status} should have no body"]
    return [f"{_where(e)}: {e.message[:300]}" for e in validator.iter_errors(body)]
