"""The dashboard in headless Chromium (Debian's, via playwright-core): no console errors,
every team shown, no axe-core violations, phone-width layout, and a screenshot."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cohort.dashboard import history, render_dashboard
from tests.conftest import ROOT
from tests.reconcile.helpers import example_cohort
from tests.summary.fixtures import snapshot

DRIVER = Path(__file__).with_name("check_dashboard.cjs")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or NODE is None,
    reason="needs Debian's chromium (apt-get install -y chromium) and node",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if not (ROOT / "node_modules" / "playwright-core").is_dir():
        pytest.fail("node_modules is missing: run `npm ci` at the repository root")
    folder = tmp_path_factory.mktemp("dashboard")
    (folder / "index.html").write_text(
        render_dashboard(history(snapshot(), example_cohort())), encoding="utf-8"
    )
    assert CHROMIUM is not None
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(DRIVER), CHROMIUM, str(folder / "index.html"), str(folder / "shot.png")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_renders_without_console_errors_or_network(report: dict[str, Any]) -> None:
    assert report["consoleErrors"] == []
    assert report["requests"] == []


def test_every_team_is_shown_and_the_filter_works(report: dict[str, Any]) -> None:
    assert report["teams"] == ["aurora", "borealis", "cirrus", "delta"]
    assert report["visibleTeams"] == ["aurora", "borealis", "cirrus", "delta"]
    assert report["afterFilter"] == 1


def test_axe_core_finds_no_violations(report: dict[str, Any]) -> None:
    assert report["violations"] == []
    assert report["passes"] > 10


def test_fits_a_phone_and_a_screenshot_is_saved(report: dict[str, Any]) -> None:
    assert report["scrollWidth"] <= 390
    assert Path(report["screenshot"]).stat().st_size > 10_000
