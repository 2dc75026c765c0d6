"""The served sandbox's admin endpoints under ``/_sandbox/`` (never part of GitHub's API).

- ``POST /_sandbox/clock`` ``{"advance": "P7D"}`` or ``{"set": "2027-02-01T09:00:00Z"}``
- ``POST /_sandbox/users`` ``{"login": "…", "name": "…", "org": "…"}`` → the person's token
- ``POST /_sandbox/invitations/accept`` ``{"login": "…"}`` → what the person joined
- ``GET /_sandbox/deliveries`` → every webhook delivery and its status

Each answers ``(status, JSON body)``; bad input is a 400/404/409 with ``{"message": …}``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

from cohort.clock import SimulatedClock
from cohort.sandbox.webhooks import delivery_body
from cohort.sandbox.wire import iso

if TYPE_CHECKING:
    from cohort.sandbox.core import Sandbox

PREFIX = "/_sandbox/"
_DURATION = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$"
)


class AdminError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def duration(text: str) -> float:
    """Seconds in an ISO-8601 duration such as ``P7D``, ``PT36H`` or ``P1W2DT3H``."""
    found = _DURATION.match(text.strip().upper())
    if found is None or text.strip().upper() in ("P", "PT"):
        raise AdminError(400, f"not an ISO-8601 duration: {text!r} (try P7D or PT36H)")
    parts = {k: int(v or 0) for k, v in found.groupdict().items()}
    days = parts["w"] * 7 + parts["d"]
    return float(days * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"])


def moment(text: str) -> float:
    """Unix time of an ISO-8601 instant with a zone (``2027-02-01T09:00:00Z``)."""
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise AdminError(400, f"not an ISO-8601 time: {text!r}") from exc
    if when.tzinfo is None:
        raise AdminError(400, f"give a time zone (…Z): {text!r}")
    return when.timestamp()


def _clock(sb: Sandbox, body: dict[str, Any]) -> dict[str, Any]:
    clock = sb.clock
    if not isinstance(clock, SimulatedClock):
        raise AdminError(409, "this sandbox runs on the real clock; serve it with --clock")
    if "advance" in body:
        clock.advance(duration(str(body["advance"])))
    elif "set" in body:
        target = moment(str(body["set"]))
        if target < clock.wall():
            raise AdminError(409, "the sandbox clock never goes back; give a later time")
        clock.advance(target - clock.wall())
    else:
        raise AdminError(400, 'give {"advance": "P7D"} or {"set": "2027-02-01T09:00:00Z"}')
    return {"now": iso(clock.wall())}


def _login(body: dict[str, Any]) -> str:
    login = body.get("login")
    if not isinstance(login, str) or not re.match(r"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$", login):
        raise AdminError(400, f"not a GitHub login: {login!r}")
    return login


def _users(sb: Sandbox, body: dict[str, Any]) -> dict[str, Any]:
    login = _login(body)
    if sb.state.canonical(login) is not None:
        raise AdminError(409, f"{sb.state.canonical(login)} already exists")
    sb.add_user(login, name=body.get("name") if isinstance(body.get("name"), str) else None)
    org = body.get("org")
    if org is not None:
        if org not in sb.state.orgs:
            raise AdminError(404, f"no organization {org!r}")
        sb.state.orgs[org].members.append(login)
    return {"login": login, "token": sb.token_for(login)}


def _accept(sb: Sandbox, body: dict[str, Any]) -> dict[str, Any]:
    login = sb.state.canonical(_login(body))
    if login is None:
        raise AdminError(404, f"no such person: {body.get('login')!r}")
    return {"login": login, "accepted": sb.accept_invitations(login)}


def _deliveries(sb: Sandbox) -> list[dict[str, Any]]:
    return [delivery_body(d, full=False) for d in sb.state.deliveries]


def answer(sb: Sandbox, method: str, path: str, raw: bytes) -> tuple[int, Any]:
    """The admin endpoint's answer for one request."""
    try:
        body = json.loads(raw) if raw.strip() else {}
        if not isinstance(body, dict):
            raise AdminError(400, "the body must be a JSON object")
        route = (method, path.removeprefix(PREFIX).rstrip("/"))
        if route == ("POST", "clock"):
            return 200, _clock(sb, body)
        if route == ("POST", "users"):
            return 201, _users(sb, body)
        if route == ("POST", "invitations/accept"):
            return 200, _accept(sb, body)
        if route == ("GET", "deliveries"):
            return 200, _deliveries(sb)
        raise AdminError(404, f"no admin endpoint {method} {path}")
    except ValueError:
        return 400, {"message": "the body is not JSON"}
    except AdminError as err:
        return err.status, {"message": str(err)}
