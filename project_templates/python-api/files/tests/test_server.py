"""The real server command, started on a free port of 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request


def test_the_server_answers_its_health_check() -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "api.server", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split()[2]
        with urllib.request.urlopen(f"{url}/health", timeout=10) as response:
            assert response.status == 200
            assert json.load(response) == {"status": "ok"}
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
