"""The App's container: non-root, writable data dir, HEALTHCHECK on /healthz, pinned base."""

from __future__ import annotations

import http.server
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cohort.app.healthcheck import healthy, healthz_url
from tests.conftest import ROOT

DOCKERFILE = (ROOT / "app" / "Dockerfile").read_text(encoding="utf-8")


def test_hadolint_reports_nothing() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    done = subprocess.run(
        [str(hadolint), "--no-color", str(ROOT / "app" / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "")


def test_base_image_is_pinned_by_digest() -> None:
    froms = re.findall(r"^FROM (\S+)", DOCKERFILE, flags=re.MULTILINE)
    assert froms
    assert all(re.fullmatch(r"[\w.:/-]+@sha256:[0-9a-f]{64}", f) for f in froms)


def test_runs_as_non_root_with_its_own_writable_data_directory() -> None:
    assert re.search(r"^USER 10001:10001$", DOCKERFILE, flags=re.MULTILINE)
    assert "install -d -o cohort -g cohort -m 0700 /var/lib/cohort" in DOCKERFILE
    assert DOCKERFILE.index("install -d -o cohort") < DOCKERFILE.index("VOLUME /var/lib/cohort")
    assert "COHORT_STORE=/var/lib/cohort/app.db" in DOCKERFILE
    assert 'CMD ["python", "-m", "cohort.app.healthcheck"]' in DOCKERFILE


def test_the_build_context_is_only_the_wheel_and_the_lock() -> None:
    lines = [
        line
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines == ["*", "!action-requirements.txt", "!dist/*.whl"]


class _Health(http.server.BaseHTTPRequestHandler):
    body = b'{"ok": true, "pending": 0}'
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/healthz" else 404)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        del args


@pytest.fixture
def server() -> Iterator[http.server.HTTPServer]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_healthcheck_passes_on_ok_and_fails_otherwise(server: http.server.HTTPServer) -> None:
    url = healthz_url({"COHORT_PORT": str(server.server_address[1])})
    assert healthy(url)
    _Health.body = b'{"ok": false}'
    try:
        assert not healthy(url)
    finally:
        _Health.body = b'{"ok": true, "pending": 0}'
    server.shutdown()
    server.server_close()
    assert not healthy(url, timeout=1)


def test_healthcheck_port_defaults_to_the_image_port() -> None:
    assert healthz_url({}) == "http://127.0.0.1:8080/healthz"
