"""``cohort app deliveries|redeliver`` over a real store file, and GitHub redelivery on a fake."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

import pytest

from cohort.app.operate import GitHubRedelivery, age, redeliver
from cohort.app.store import SQLiteStore
from cohort.cli.main import run
from cohort.errors import GitHubError
from cohort.github.routes import Route


def _store_with_history(path: Path) -> None:
    now = time.time()
    store = SQLiteStore(path)
    store.enqueue("d-dead", "issue_comment", b"{}", now - 7200, repo="omp/aurora")
    store.enqueue("d-done", "pull_request", b"{}", now - 60, repo="omp/delta")
    store.claim(now, "i1")
    store.claim(now, "i1")
    store.fail("d-dead", "GitHubError: HTTP 502", "i1", now)
    store.finish("d-done", "i1", now)
    store.close()


def test_failed_deliveries_are_listed_with_their_error_and_age(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "app.db"
    _store_with_history(path)
    assert run(["app", "deliveries", "--store", str(path), "--status", "failed"]) == 0
    out = capsys.readouterr()
    header, row = out.out.splitlines()
    assert header.split() == ["ID", "EVENT", "REPOSITORY", "STATUS", "TRIES", "AGE", "ERROR"]
    assert row.split() == [
        "d-dead",
        "issue_comment",
        "omp/aurora",
        "failed",
        "1",
        "2h",
        "GitHubError:",
        "HTTP",
        "502",
    ]
    assert out.err == "1 delivery\n"


def test_json_listing_has_every_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "app.db"
    _store_with_history(path)
    assert run(["app", "deliveries", "--store", str(path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["status"], r["has_body"]) for r in rows] == [
        ("d-done", "done", False),
        ("d-dead", "failed", True),
    ]


def test_redeliver_requeues_and_reports_what_it_could_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "app.db"
    _store_with_history(path)
    assert run(["app", "redeliver", "--store", str(path), "d-dead", "d-done", "ghost"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "requeued: d-dead",
        "not found (no stored body, not among GitHub's recent): ghost",
        "not found (no stored body, not among GitHub's recent): d-done",
    ]
    store = SQLiteStore(path)
    assert store.status("d-dead") == "queued"
    store.close()


def test_a_missing_store_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["app", "deliveries", "--store", str(tmp_path / "no" / "app.db")]) == 3
    assert "cannot open the SQLite store" in capsys.readouterr().err


class FakeHookDeliveries:
    """GitHub's App delivery log: recent deliveries, and redelivery attempts made on them."""

    def __init__(self, guids: dict[str, int]) -> None:
        self.guids = guids
        self.attempts: list[int] = []

    def rest(self, method: str, path: str, body: Any = None, params: Any = None) -> Any:
        if method == "GET" and path == "/app/hook/deliveries":
            return [{"id": n, "guid": g} for g, n in self.guids.items()][: params["per_page"]]
        if method == "POST" and path.startswith("/app/hook/deliveries/"):
            number = int(path.split("/")[4])
            if number == 13:
                raise GitHubError("HTTP 422: cannot redeliver")
            self.attempts.append(number)
            return None
        raise AssertionError(f"unexpected {method} {path}")

    def call(self, route: Route, *, body: Any = None, params: Any = None, **where: Any) -> Any:
        return self.rest(route.method, route.url(**where), body, params)


def test_github_is_asked_for_deliveries_the_store_never_received(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "app.db")
    github = FakeHookDeliveries({"lost-1": 11, "lost-2": 12, "refused": 13})
    report = redeliver(store, ["lost-1", "refused", "unknown"], 0.0, GitHubRedelivery(github))
    store.close()
    assert github.attempts == [11]
    assert report.asked_github == ("lost-1",)
    assert report.not_found == ("refused", "unknown")


def test_ages_are_short() -> None:
    assert [age(s) for s in (5, 90, 7200, 3 * 86400)] == ["5s", "1m", "2h", "3d"]


def test_serve_with_an_unreachable_postgres_store_stops_with_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "app.pem"
    key.write_text("not used")
    store = f"postgresql://cohort@/cohort?host={tmp_path}"
    argv = ["serve", "--webhook-secret", "s", "--app-id", "1", "--app-key-file", str(key)]
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        assert run([*argv, "--store", store, "--log-format", "text"]) == 3
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    err = capsys.readouterr().err
    assert err.startswith("error: cannot connect to the PostgreSQL store")
    assert "Traceback" not in err
