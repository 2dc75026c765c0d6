"""GraphQL answers for injected faults (rate limited, resource limits, transport faults)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cohort.sandbox.auth import Principal
from cohort.sandbox.fault_responses import primary_message
from cohort.sandbox.wire import Response

if TYPE_CHECKING:
    from cohort.sandbox.core import Outcome, Sandbox

_HTTP_KINDS = {
    "5xx",
    "secondary-rate-limit",
    "primary-rate-limit",
    "429",
    "connection-reset",
    "timeout",
}


def fault_outcome(sb: Sandbox, who: Principal, out: Outcome) -> Outcome | None:
    """The finished Outcome when a fault answers before executing, else None."""
    fault = out.fault
    if fault is None:
        return None
    if fault.kind in _HTTP_KINDS:
        out.response = sb.fault_response(fault, who)
        return out
    if fault.kind == "graphql-rate-limited":
        error = {
            "type": "RATE_LIMITED",
            "code": "graphql_rate_limit",
            "message": primary_message(who).replace("exceeded", "already exceeded"),
        }
        reset = str(int(sb.clock.wall() // 3600 * 3600 + 3600))
        out.response = Response(
            200, {"errors": [error]}, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}
        )
        return out
    if fault.kind == "resource-limits":
        error = {
            "type": "RESOURCE_LIMITS_EXCEEDED",
            "message": "Resource limits for this query exceeded.",
        }
        out.response = Response(200, {"data": None, "errors": [error]})
        return out
    return None
