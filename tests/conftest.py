"""Shared fixtures: paths to the example cohort and the known template names."""

from __future__ import annotations

import re
from collections.abc import Generator
from pathlib import Path

import pluggy
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "cohort.yml"
KNOWN_TEMPLATES = frozenset({"web-frontend", "python-api", "data-report"})


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


# R16: no test may let a token, a private key or an e-mail address reach captured output.
LEAK = re.compile(
    r"\bgh[pousr]_[A-Za-z0-9]{20,}|-----BEGIN [A-Z ]*PRIVATE KEY-----"
    r"|\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}\b"
)
ALLOWED = ("noreply@github.com", "users.noreply.github.com", "@example.org", "@example.com")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pluggy.Result[pytest.TestReport], None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.when != "call" or report.failed:
        return
    captured = "\n".join(  # ::add-mask:: lines are how Actions hides a secret: never shown
        line
        for _, text in report.sections
        for line in text.splitlines()
        if not line.startswith("::add-mask::")
    )
    leaks = [m for m in LEAK.findall(captured) if not any(a in m for a in ALLOWED)]
    if leaks:
        report.outcome = "failed"
        report.longrepr = f"secret or personal data in captured output: {sorted(set(leaks))[:3]}"
