"""The dashboard in headless Chromium (Debian's, via playwright-core): no console errors,
every team shown, no axe-core violations, the needs-attention list, phone-width layout, charts
of one size, and screenshots at 390 and 1280 px in the test artefacts (``COHORT_TEST_ARTIFACTS``,
default ``test-artifacts/``). Under CI (``CI=true``) a missing Chromium fails, never skips."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cohort.dashboard import history, render_dashboard
from cohort.summary import parse_week, summarize
from tests.conftest import ROOT
from tests.reconcile.helpers import example_cohort
from tests.summary.fixtures import NOW, snapshot

DRIVER = Path(__file__).with_name("check_dashboard.cjs")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NODE = shutil.which("node")

ARTIFACTS = Path(os.environ.get("COHORT_TEST_ARTIFACTS") or ROOT / "test-artifacts")
MISSING = "needs Debian's chromium (apt-get install -y chromium) and node"


def require_browser() -> None:
    """Skip without a browser, except under CI, where a missing browser is a failure."""
    if CHROMIUM is None or NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: the browser tests must run: {MISSING}")
        pytest.skip(MISSING)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    require_browser()
    if not (ROOT / "node_modules" / "playwright-core").is_dir():
        pytest.fail("node_modules is missing: run `npm ci` at the repository root")
    folder = tmp_path_factory.mktemp("dashboard")
    cohort = example_cohort()
    summary = summarize(snapshot(), cohort, parse_week("2027-W07"), NOW)
    (folder / "index.html").write_text(
        render_dashboard(history(snapshot(), cohort), summary), encoding="utf-8"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert CHROMIUM is not None
    assert NODE is not None
    done = subprocess.run(
        [
            NODE,
            str(DRIVER),
            CHROMIUM,
            str(folder / "index.html"),
            str(ARTIFACTS / "dashboard-390.png"),
            str(ARTIFACTS / "dashboard-1280.png"),
        ],
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


def test_fits_a_phone_and_screenshots_are_saved(report: dict[str, Any]) -> None:
    assert report["scrollWidth"] <= 390
    assert report["wideScrollWidth"] <= 1280
    assert Path(report["screenshot"]).stat().st_size > 10_000
    assert Path(report["wideScreenshot"]).stat().st_size > 10_000


def test_every_chart_is_drawn_at_one_size(report: dict[str, Any]) -> None:
    """The review-latency chart was drawn 3.5 times larger than the rest."""
    widths = report["chartWidths"]
    assert len(widths) == 4  # three burn-ups (delta has no repository) and the latency chart
    assert max(widths) <= 1.2 * min(widths)


def test_needs_attention_lists_what_the_snapshot_holds(report: dict[str, Any]) -> None:
    assert report["attention"] == [
        "delta: repository 2027-spring-delta not found",
        "omp-cohorts/2027-spring-aurora#5 Filter by topic by @gabe-r: waiting 4.1 days on "
        "@alicia-dev",
        "omp-cohorts/2027-spring-cirrus#7 Load sensor data by @lena-s: waiting 5.2 days on "
        "@chen-li",
        "@ivan-p (borealis): no activity for 15 days",
        "@jules-m (borealis): no activity yet",
        "@kofi-a (borealis): no activity yet",
        "@hana-k: invited 2027-02-01, expired 2027-02-08",  # not sent again (fixtures.py)
    ]
