"""Match a REST request to its GitHub operation using the published path templates."""

from __future__ import annotations

import functools
import gzip
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

_GREEDY = {"path", "ref"}


@dataclass(frozen=True)
class Route:
    """One operation: method, template, compiled pattern and its OpenAPI object."""

    method: str
    template: str
    pattern: re.Pattern[str]
    operation_id: str
    spec: dict[str, Any]


def _read_spec(name: str) -> Any:
    folder = resources.files("cohort.sandbox.specs")
    plain, packed = folder / name, folder / (name + ".gz")
    if plain.is_file():
        return json.loads(plain.read_bytes())
    return json.loads(gzip.decompress(packed.read_bytes()))


@functools.cache
def rest_spec() -> dict[str, Any]:
    """The extracted OpenAPI slice (loaded once per process)."""
    spec: dict[str, Any] = _read_spec("rest-operations.json")
    return spec


@functools.cache
def graphql_introspection() -> dict[str, Any]:
    data: dict[str, Any] = _read_spec("graphql-schema.json")
    inner: dict[str, Any] = data.get("data", data)
    return inner


def _compile(template: str) -> re.Pattern[str]:
    out = ""
    for part in re.split(r"(\{[^}]+\})", template):
        if part.startswith("{"):
            name = part[1:-1]
            body = ".+" if name in _GREEDY else "[^/]+"
            out += f"(?P<{name}>{body})"
        else:
            out += re.escape(part)
    return re.compile(out + "$")


@functools.cache
def routes() -> tuple[Route, ...]:
    """Every operation, most specific template first."""
    found = []
    for template, item in rest_spec()["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            found.append(
                Route(
                    method.upper(),
                    template,
                    _compile(template),
                    operation["operationId"],
                    operation,
                )
            )
    return tuple(sorted(found, key=lambda r: (-_literal_length(r.template), r.template)))


def _literal_length(template: str) -> int:
    return len(re.sub(r"\{[^}]+\}", "", template))


# Paths GitHub answers that no published template names (each seen in @octokit/fixtures:
# ``get-content`` lists the root with ``contents/``, ``git-refs`` lists every ref with
# ``git/refs/``): (pattern, method, operation, extra parameters).
_ALIASES = (
    (
        re.compile(r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/contents$"),
        "GET",
        "repos/get-content",
        {"path": ""},
    ),
    (
        re.compile(r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/git/refs$"),
        "GET",
        "git/list-matching-refs",
        {"ref": ""},
    ),
)


def match(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """The route and path parameters for a request, or None (GitHub answers 404)."""
    path = path.rstrip("/") or "/"
    for route in routes():
        if route.method != method:
            continue
        found = route.pattern.match(path)
        if found:
            return route, found.groupdict()
    for pattern, verb, operation, extra in _ALIASES:
        found = pattern.match(path)
        if found and verb == method:
            route = next(r for r in routes() if r.operation_id == operation)
            return route, {**found.groupdict(), **extra}
    return None


def operation_ids() -> set[str]:
    return {r.operation_id for r in routes()}
