"""The Sandbox: seeding, request handling, faults, contract checks and accounting."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from cohort.clock import Clock, SimulatedClock
from cohort.sandbox import (  # noqa: F401 - importing registers the handlers
    contract,
    lookup,
    persist,
    rest_contents,
    rest_git,
    rest_hooks,
    rest_invitations,
    rest_issues,
    rest_misc,
    rest_orgs,
    rest_pages,
    rest_pulls,
    rest_repos,
    rest_teams,
    routing,
    webhooks,
)
from cohort.sandbox.auth import Principal, authorize, from_header
from cohort.sandbox.contract import ContractError
from cohort.sandbox.faults import Fault, FaultPlan, InjectedDisconnect
from cohort.sandbox.log import LoggedRequest, counters
from cohort.sandbox.seeding import Seeding
from cohort.sandbox.shapes import API
from cohort.sandbox.state import State
from cohort.sandbox.wire import HANDLERS, ApiError, Ctx, Request, Response

_PRE_FAULTS = {"5xx", "secondary-rate-limit", "primary-rate-limit", "429"}
_DROP_FAULTS = {"connection-reset", "timeout"}


@dataclass
class Outcome:
    """What one request did, for the log."""

    response: Response
    operation: str
    kind: str
    mutations: int = 0
    created: int = 0
    fault: Fault | None = None
    names: set[str] = field(default_factory=set)


def normalize_path(path: str) -> str:
    if path.startswith("/api/v3"):
        path = path[len("/api/v3") :] or "/"
    if path == "/api/graphql":
        return "/graphql"
    return path


class Sandbox(Seeding):
    """A local, stateful GitHub: ``handle()`` answers REST and GraphQL requests.

    Read the org through ``sb.state`` (see ``cohort.sandbox.state``), ``sb.files(full_name)``,
    ``sb.log`` / ``sb.counters()`` and ``sb.contract_errors`` / ``sb.assert_clean()``.
    """

    def __init__(
        self,
        clock: Clock | None = None,
        *,
        check_contract: bool = True,
        check_responses: bool = False,
        seed: int = 0,
    ) -> None:
        self.clock: Clock = clock or SimulatedClock()
        self.check_contract = check_contract
        self.check_responses = check_responses
        self.seed = seed
        self.state = State(seed=seed)
        self.log: list[LoggedRequest] = []
        self.contract_errors: list[ContractError] = []
        self.faults: FaultPlan | None = None
        self.latency = 0.0
        self.app_times = True  # False: App JWT times not checked against a simulated clock
        self._used: dict[tuple[str, str], int] = {}

    # -- accounting ---------------------------------------------------------------------
    def counters(self) -> dict[str, int]:
        return counters(self.log)

    def reset_log(self) -> None:
        self.log.clear()

    def assert_clean(self) -> None:
        """Raise the first ContractError recorded (with a count), if any."""
        if self.contract_errors:
            first = self.contract_errors[0]
            raise ContractError(
                first.direction,
                first.operation,
                f"{first.detail} (+{len(self.contract_errors) - 1} more)",
            )

    def record(self, direction: str, operation: str, problems: list[str]) -> None:
        if problems and (self.check_contract or direction == "response"):
            self.contract_errors.append(ContractError(direction, operation, "; ".join(problems)))

    def files(self, full_name: str, ref: str | None = None) -> dict[str, bytes]:
        """Files at HEAD of a repository as {path: bytes}."""
        return self.state.files(full_name, ref)

    def asgi(self) -> Any:
        """An ASGI application serving this sandbox."""
        from cohort.sandbox.asgi import SandboxApp

        return SandboxApp(self)

    def save(self, path: Path) -> None:
        """Persist the state (not the log or faults) as JSON."""
        data = {"version": 1, "seed": self.seed, "state": persist.dump(self.state)}
        Path(path).write_text(json.dumps(data))

    @classmethod
    def load(cls, path: Path, *, clock: Clock | None = None) -> Sandbox:
        data = json.loads(Path(path).read_text())
        sb = cls(clock, seed=int(data["seed"]))
        sb.state = persist.load(State, data["state"])
        return sb

    # -- requests -----------------------------------------------------------------------
    def handle(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        """Answer one HTTP request; may raise InjectedDisconnect for network faults."""
        if self.latency:
            self.clock.sleep(self.latency)
        parts = urlsplit(url)
        path = normalize_path(parts.path)
        lowered = {k.lower(): v for k, v in headers.items()}
        base = f"{parts.scheme or 'https'}://{parts.netloc or 'api.github.com'}"
        if parts.path.startswith("/api/"):
            base += "/api/v3"
        out = self._dispatch(
            method.upper(), path, dict(parse_qsl(parts.query)), lowered, body, base
        )
        status, out_headers, payload = self._finish(
            method.upper(), path, out, lowered.get("authorization", "")
        )
        if base != API:  # served elsewhere: links point back at this server, as GHES does
            payload = payload.replace(API.encode(), base.encode())
            if "link" in {k.lower() for k in out_headers}:
                out_headers = {k: v.replace(API, base) for k, v in out_headers.items()}
        return status, out_headers, payload

    def _dispatch(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
        base: str,
    ) -> Outcome:
        try:
            who = from_header(
                self.state,
                headers.get("authorization"),
                self.clock.wall(),
                app_times=self.app_times,
            )
        except ApiError as err:
            return Outcome(err.response(), "auth", "read")
        if path == "/graphql" and method == "POST":
            from cohort.sandbox.graphql_api import run_graphql

            if who.kind == "app":
                refused = ApiError(403, "Resource not accessible by integration")
                return Outcome(refused.response(), "graphql:query", "read")
            return run_graphql(self, who, body)
        return self._rest(method, path, query, who, body, base, headers.get("accept", ""))

    def _by_id(self, path: str) -> str:
        """``/repositories/{id}/…`` (GitHub's links after a rename or in pages) as ``/repos/…``."""
        head, _, rest = path.removeprefix("/repositories/").partition("/")
        found = next((r for r in self.state.repos.values() if str(r.id) == head), None)
        return path if found is None else f"/repos/{found.full_name}" + (f"/{rest}" if rest else "")

    def _rest(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        who: Principal,
        body: bytes,
        base: str,
        accept: str = "",
    ) -> Outcome:
        if path.startswith("/repositories/"):
            path = self._by_id(path)
        found = routing.match("GET" if method == "HEAD" else method, path)
        if found is None:
            return Outcome(ApiError(404, "Not Found").response(), "unknown", "read")
        route, params = found
        kind = "read" if method in ("GET", "HEAD") else "write"
        if route.operation_id == "apps/create-installation-access-token":
            kind = "token"
        out = Outcome(Response(500), route.operation_id, kind, int(kind == "write"))
        out.fault = self.pick_fault({route.operation_id}, kind == "write")
        if out.fault is not None and out.fault.kind in _PRE_FAULTS | _DROP_FAULTS:
            out.response = self.fault_response(out.fault, who)
            return out
        try:
            data = self._checked_body(route, params, query, body)
            lookup.canonical_logins(self.state, params, data)
            repo = self.state.repo(params["owner"], params["repo"]) if "repo" in params else None
            authorize(
                self.state,
                who,
                route.operation_id,
                method,
                repo,
                params.get("org") or params.get("owner"),
            )
            ctx = Ctx(self.state, self.clock.wall())
            refs = (
                dict(repo.git.refs)
                if repo and kind == "write" and webhooks.listening(self.state)
                else None
            )
            req = Request(method, path, route.operation_id, params, query, data, who, base, accept)
            out.response = HANDLERS[route.operation_id](ctx, req)
            out.created = ctx.created
            if refs is not None and repo is not None and refs != repo.git.refs:
                webhooks.ref_changes(self.state, ctx.now, repo, refs, who.login)
        except ApiError as err:
            out.response = err.response()
        return out

    def _checked_body(
        self, route: routing.Route, params: dict[str, str], query: dict[str, str], body: bytes
    ) -> Any:
        op = route.operation_id
        if contract.check_params(route, "path", params):
            self.record("request", op, contract.check_params(route, "path", params))
            raise ApiError(404, "Not Found")
        problems = contract.check_params(route, "query", query)
        data: Any = None
        if body.strip():
            try:
                data = json.loads(body)
            except ValueError as exc:
                self.record("request", op, ["body is not JSON"])
                raise ApiError(400, "Problems parsing JSON") from exc
        spec_body = route.spec.get("requestBody")
        if spec_body is not None and (data is not None or spec_body.get("required")):
            problems += contract.check_body(op, {} if data is None else data)
        if problems:
            self.record("request", op, problems)
            raise ApiError(422, "Invalid request.\n\n" + "\n".join(problems))
        return data

    def pick_fault(self, names: set[str], is_write: bool) -> Fault | None:
        if self.faults is None:
            return None
        return self.faults.decide(names, is_write, len(self.log) + 1)

    def fault_response(self, fault: Fault, who: Principal) -> Response:
        from cohort.sandbox.fault_responses import response_for

        if fault.kind in _DROP_FAULTS:
            raise InjectedDisconnect(fault.kind)
        return response_for(fault.kind, who, self.clock.wall())

    def _finish(
        self, method: str, path: str, out: Outcome, auth: str
    ) -> tuple[int, dict[str, str], bytes]:
        resp = out.response
        if (
            self.check_responses
            and "/" in out.operation
            and not out.operation.startswith("graphql")
            and not isinstance(resp.body, bytes)
        ):
            self.record(
                "response",
                out.operation,
                contract.check_response(out.operation, resp.status, resp.body),
            )
        headers = {
            "content-type": "application/json; charset=utf-8",
            "x-github-media-type": "github.v3; format=json",
            "x-github-request-id": f"SANDBOX:{len(self.log) + 1}",
        }
        headers.update(self._rate_headers(auth, out.operation))
        headers.update(self._scope_headers(auth))
        headers.update(resp.headers)
        self.log.append(
            LoggedRequest(
                method,
                path,
                out.operation,
                out.kind,
                out.mutations,
                out.created,
                resp.status,
                self.clock.now(),
            )
        )
        if out.fault is not None and out.fault.kind == "lost-response":
            raise InjectedDisconnect("lost-response")
        if isinstance(resp.body, bytes):  # a raw media type (``application/vnd.github.raw``)
            headers["content-type"] = "application/vnd.github.raw; charset=utf-8"
            return resp.status, headers, b"" if method == "HEAD" else resp.body
        payload = b"" if resp.body is None or method == "HEAD" else json.dumps(resp.body).encode()
        if resp.body is None:
            headers.pop("content-type")
        return resp.status, headers, payload

    def _scope_headers(self, auth: str) -> dict[str, str]:
        """``X-OAuth-Scopes`` for a classic token, as GitHub sends on every answer."""
        token = self.state.tokens.get(auth.partition(" ")[2].strip())
        if token is None or token.kind != "user" or token.scopes is None:
            return {}
        return {"x-oauth-scopes": ", ".join(token.scopes)}

    def _rate_headers(self, auth: str, operation: str) -> dict[str, str]:
        resource = "graphql" if operation.startswith("graphql") else "core"
        wall = self.clock.wall()
        window = int(wall // 3600)
        key = (auth, f"{resource}:{window}")
        self._used[key] = self._used.get(key, 0) + 1
        used = self._used[key]
        return {
            "x-ratelimit-limit": "5000",
            "x-ratelimit-remaining": str(max(0, 5000 - used)),
            "x-ratelimit-reset": str((window + 1) * 3600),
            "x-ratelimit-used": str(used),
            "x-ratelimit-resource": resource,
        }
