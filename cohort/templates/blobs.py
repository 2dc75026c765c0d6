"""Git blob SHAs computed locally, so cohort compares files with GitHub without downloading them."""

from __future__ import annotations

import hashlib


def blob_sha(data: bytes) -> str:
    """The SHA-1 git gives ``data`` as a blob (what GitHub's trees and contents APIs report)."""
    header = f"blob {len(data)}\0".encode()
    return hashlib.sha1(header + data, usedforsecurity=False).hexdigest()
