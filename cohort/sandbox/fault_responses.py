"""GitHub's answers for injected rate-limit and server faults."""

from __future__ import annotations

import zlib

from cohort.sandbox.auth import Principal
from cohort.sandbox.wire import Response

RATE_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
SECONDARY = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try "
    "again. If you reach out to GitHub Support for help, please include the request ID "
    "SANDBOX."
)


def primary_message(who: Principal) -> str:
    if who.kind == "installation" and who.token and who.token.installation_id:
        return f"API rate limit exceeded for installation ID {who.token.installation_id}."
    return f"API rate limit exceeded for user ID {zlib.crc32(who.login.encode()) % 10**7}."


def response_for(kind: str, who: Principal, wall: float) -> Response:
    """The HTTP answer for a pre-apply fault kind."""
    reset = str(int(wall // 3600 * 3600 + 3600))
    if kind == "5xx":
        return Response(502, {"message": "Server Error"})
    if kind == "secondary-rate-limit":
        return Response(
            403,
            {"message": SECONDARY, "documentation_url": RATE_DOCS + "#about-secondary-rate-limits"},
            {"retry-after": "60"},
        )
    if kind == "primary-rate-limit":
        return Response(
            403,
            {"message": primary_message(who), "documentation_url": RATE_DOCS},
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset},
        )
    return Response(429, {"message": SECONDARY, "documentation_url": RATE_DOCS})
