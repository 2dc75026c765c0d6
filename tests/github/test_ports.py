"""Only the composition roots import the concrete GitHub client; I/O modules take ports."""

from __future__ import annotations

import ast
from pathlib import Path

COHORT = Path(__file__).resolve().parents[2] / "cohort"

# The roots that build clients and hand them on: the client itself, its factories (a token or
# the sandbox: connect; an App installation: app_auth, app/clients), the CLI's commands that
# open a connection, the App's assembly, and the action (through the CLI).
ROOTS = {
    "github/client.py",
    "github/connect.py",
    "github/app_auth.py",
    "app/clients.py",
    "app/assemble.py",
    "cli/session.py",
    "cli/comment.py",
}


def importers_of_the_client() -> set[str]:
    found = set()
    for path in COHORT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "cohort.github.client":
                found.add(path.relative_to(COHORT).as_posix())
    return found


def test_only_composition_roots_import_the_concrete_client() -> None:
    assert importers_of_the_client() - ROOTS == set()
