"""`cohort match` without the [match] extra: a clear message, exit 3, no traceback."""

from __future__ import annotations

import pytest

from cohort.cli.match import require_solver
from cohort.errors import UsageError


def test_missing_solver_names_the_extra_to_install() -> None:
    with pytest.raises(UsageError, match=r"pipx install 'cohort-as-code\[match\]'"):
        require_solver(lambda name: None)


def test_installed_solver_is_accepted() -> None:
    require_solver(lambda name: object())


def test_core_import_graph_never_needs_ortools() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['ortools'] = None\n"
        "from cohort.cli.main import run\n"
        "assert run(['validate', 'examples/cohort.yml']) == 0\n"
        "ex = 'examples/cohort.yml'\n"
        "assert run(['match', ex, '--mentees', ex, '--mentors', ex]) == 3\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "cohort-as-code[match]" in done.stderr
    assert "Traceback" not in done.stderr
