"""Webhook signatures: HMAC-SHA256 of the raw body, compared in constant time (pure)."""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="
HEX_LENGTH = 64


def sign(secret: str | bytes, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value GitHub sends for ``body``."""
    key = secret.encode() if isinstance(secret, str) else secret
    return PREFIX + hmac.new(key, body, hashlib.sha256).hexdigest()


def is_valid(secret: str | bytes, body: bytes, header: str | None) -> bool:
    """True only for a well-formed ``sha256=`` signature of ``body`` made with ``secret``.

    The raw body is never parsed here; the comparison is ``hmac.compare_digest`` over bytes
    of equal length, so timing does not reveal how many leading characters matched.
    """
    if not secret or header is None or not header.startswith(PREFIX):
        return False
    given = header[len(PREFIX) :].strip().lower()
    expected = sign(secret, body)[len(PREFIX) :]
    if len(given) != HEX_LENGTH:
        hmac.compare_digest(expected, expected)  # same work whatever was sent
        return False
    return hmac.compare_digest(given.encode("ascii", "replace"), expected.encode("ascii"))
