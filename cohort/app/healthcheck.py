"""The container's HEALTHCHECK: ``GET /healthz`` on this host answers ``{"ok": true}``.

``python -m cohort.app.healthcheck`` exits 0 when healthy and 1 otherwise (no curl in a slim
image). The port is ``COHORT_PORT`` (default 8080).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from collections.abc import Mapping


def healthz_url(environ: Mapping[str, str]) -> str:
    return f"http://127.0.0.1:{int(environ.get('COHORT_PORT') or 8080)}/healthz"


def healthy(url: str, timeout: float = 4.0) -> bool:
    """True when the server answers 200 with ``"ok": true``."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status == 200 and json.loads(answer.read()).get("ok") is True
    except (OSError, ValueError):
        return False


def main() -> int:
    return 0 if healthy(healthz_url(os.environ)) else 1


if __name__ == "__main__":
    sys.exit(main())
