"""The route table: every REST call goes through it, and job permissions derive from it."""

from __future__ import annotations

import ast
from pathlib import Path

from cohort.github import routes
from cohort.github.app_auth import APPLY_PERMISSIONS
from cohort.github.apply import required_permissions
from cohort.github.read_state import READ_NEEDS
from cohort.github.writers import write_needs

COHORT = Path(__file__).resolve().parents[2] / "cohort"


def test_every_route_is_declared_once() -> None:
    keys = [(r.method, r.path) for r in routes.ROUTES]
    assert len(keys) == len(set(keys))
    assert all(r.level in ("read", "write") or not r.permission for r in routes.ROUTES)


HTTP_VERBS = {"get", "post", "put", "patch", "delete"}


def _literal_text(node: ast.expr) -> str:
    """The literal characters of a string or f-string expression ("" for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_literal_text(v) for v in node.values if isinstance(v, ast.Constant))
    return ""


def spelled_routes(tree: ast.AST) -> list[int]:
    """Lines that call GitHub with a method or a path written out instead of a route."""
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        attr, args = node.func.attr, node.args
        literal_method = attr in ("rest", "request") and args and _literal_text(args[0])
        literal_path = attr in HTTP_VERBS and args and "/" in _literal_text(args[0])
        if literal_method or literal_path:
            lines.append(node.lineno)
    return lines


def test_no_module_spells_a_rest_call_itself() -> None:
    """``client.rest("GET", "/repos/...")`` outside the client is a route not in the table."""
    spelled = []
    for path in sorted(COHORT.rglob("*.py")):
        if "sandbox" in path.parts or path.name == "client.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        spelled += [f"{path.relative_to(COHORT)}:{line}" for line in spelled_routes(tree)]
    assert spelled == []


def test_the_check_sees_spelled_calls() -> None:
    code = 'client.rest("GET", f"/repos/{r}")\nhttp.post(f"app/{i}/tokens")\nd.get(f"m{i}")\n'
    assert spelled_routes(ast.parse(code)) == [1, 2]


def test_apply_permissions_derive_from_what_apply_calls() -> None:
    derived = required_permissions()
    assert derived == routes.required_permissions([*write_needs(), *READ_NEEDS])
    assert derived == {
        "administration": "write",
        "contents": "write",
        "issues": "write",
        "members": "write",
        "metadata": "read",
    }
    rank = routes.RANK
    assert all(rank[APPLY_PERMISSIONS[k]] >= rank[v] for k, v in derived.items())
