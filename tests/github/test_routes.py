"""The route table: every REST call goes through it, and job permissions derive from it."""

from __future__ import annotations

import ast
from pathlib import Path

from cohort.github import routes
from cohort.github.app_auth import APPLY_PERMISSIONS
from cohort.github.read_state import READ_NEEDS
from cohort.github.writers import write_needs

COHORT = Path(__file__).resolve().parents[2] / "cohort"


def test_every_route_is_declared_once() -> None:
    keys = [(r.method, r.path) for r in routes.ROUTES]
    assert len(keys) == len(set(keys))
    assert all(r.level in ("read", "write") or not r.permission for r in routes.ROUTES)


def test_no_module_spells_a_rest_call_itself() -> None:
    """``client.rest("GET", "/repos/...")`` outside the client is a route not in the table."""
    spelled = []
    for path in sorted(COHORT.rglob("*.py")):
        if "sandbox" in path.parts or path.name == "client.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "rest"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                spelled.append(f"{path.relative_to(COHORT)}:{node.lineno}")
    assert spelled == []


def test_apply_permissions_derive_from_what_apply_calls() -> None:
    derived = routes.required_permissions([*write_needs(), *READ_NEEDS])
    assert derived == {
        "administration": "write",
        "contents": "write",
        "issues": "write",
        "members": "write",
        "metadata": "read",
    }
    rank = routes.RANK
    assert all(rank[APPLY_PERMISSIONS[k]] >= rank[v] for k, v in derived.items())
