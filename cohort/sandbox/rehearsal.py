"""Prepare a served sandbox for a rehearsal: state, clock, faults, people's tokens, the App.

``prepare(Rehearsal(...))`` returns the sandbox, what it did (``notes``) and the JSON that
``cohort sandbox serve`` prints. It never listens or sends: ``cohort.sandbox.asgi`` does.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cohort.clock import Clock, SimulatedClock, SystemClock
from cohort.sandbox.admin import AdminError, moment
from cohort.sandbox.core import Sandbox
from cohort.sandbox.faults import KINDS, Fault, FaultPlan
from cohort.sandbox.wire import iso

APP_SLUG = "cohort-mentors"


class RehearsalError(Exception):
    """A rehearsal option or file cannot be used (the message names it)."""


@dataclass(frozen=True)
class Rehearsal:
    """What ``cohort sandbox serve`` was asked for."""

    state_file: Path | None = None
    seed: Callable[[Sandbox], str] | None = None  # seeds people; returns what it seeded
    seed_name: str = ""
    org: str | None = None
    clock: str | None = None
    app_webhook_url: str | None = None
    app_permissions: dict[str, str] = field(default_factory=dict)
    faults_file: Path | None = None


@dataclass
class Prepared:
    sandbox: Sandbox
    notes: list[str]
    app: dict[str, Any] | None = None

    def announce(self, url: str) -> dict[str, Any]:
        """The JSON printed on start: where, who (a token per person) and the App."""
        sb = self.sandbox
        people = sorted(u.login for u in sb.state.users.values() if u.type == "User")
        owner = next(iter(sb.state.orgs.values())).owners[0]
        out: dict[str, Any] = {
            "url": url,
            "graphql_url": f"{url}/graphql",
            "token": sb.token_for(owner),
            "login": owner,
            "tokens": {login: sb.token_for(login) for login in people},
            "orgs": sorted(sb.state.orgs),
            "clock": iso(sb.clock.wall()) if isinstance(sb.clock, SimulatedClock) else None,
            "notes": self.notes,
        }
        if self.app is not None:
            out["app"] = self.app
        return out


def _clock(text: str | None) -> Clock:
    if text is None:
        return SystemClock()
    try:
        return SimulatedClock(moment(text))
    except AdminError as err:
        raise RehearsalError(f"--clock: {err}") from err


def _sandbox(options: Rehearsal, clock: Clock, notes: list[str]) -> Sandbox:
    state_file = options.state_file
    if state_file is not None and state_file.exists():
        notes.append(f"loaded the state from {state_file}")
        if options.seed is not None:
            notes.append(
                f"did not seed {options.seed_name}: {state_file} already holds a sandbox "
                "(delete it to seed again)"
            )
        try:
            return Sandbox.load(state_file, clock=clock)
        except (ValueError, KeyError, TypeError) as exc:
            raise RehearsalError(f"{state_file}: not a sandbox state file ({exc})") from exc
    sb = Sandbox(clock)
    if options.seed is not None:
        notes.append(options.seed(sb))
    else:
        sb.add_org(options.org or "sandbox-org", owners=["sandbox-admin"])
        notes.append(f"created organization {options.org or 'sandbox-org'}")
    if state_file is not None:
        notes.append(f"will save the state to {state_file} on shutdown")
    return sb


def load_faults(path: Path) -> FaultPlan:
    """``{"seed": 1, "faults": [{"kind": "5xx", "on_write": 3, "match": "…"}, …]}``."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise RehearsalError(f"{path}: cannot read faults JSON ({exc})") from exc
    rules = data.get("faults") if isinstance(data, dict) else None
    if not isinstance(rules, list):
        raise RehearsalError(f'{path}: expected {{"seed": 0, "faults": [{{"kind": …}}]}}')
    plan = []
    for index, rule in enumerate(rules):
        where = f"{path}: faults[{index}]"
        if not isinstance(rule, dict) or rule.get("kind") not in KINDS:
            kind = rule.get("kind") if isinstance(rule, dict) else rule
            raise RehearsalError(
                f"{where}: unknown kind {kind!r}; known: {', '.join(sorted(KINDS))}"
            )
        extra = set(rule) - {"kind", "on_write", "on_request", "probability", "match"}
        if extra:
            raise RehearsalError(f"{where}: unknown keys {sorted(extra)}")
        plan.append(Fault(**rule))
    return FaultPlan(int(data.get("seed", 0)), plan)


def _app(sb: Sandbox, options: Rehearsal, notes: list[str]) -> dict[str, Any]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    org = next(iter(sb.state.orgs))
    folder = options.state_file.parent if options.state_file else Path(tempfile.mkdtemp())
    key_file = folder / f"{APP_SLUG}.private-key.pem"
    existing = next((a for a in sb.state.apps.values() if a.slug == APP_SLUG), None)
    if existing is not None and key_file.exists():
        existing.webhook_url = options.app_webhook_url
        notes.append(f"reused App {APP_SLUG} ({existing.app_id}); webhooks to its new URL")
        app = existing
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        public = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        key_file.write_bytes(pem)
        key_file.chmod(0o600)
        app_id = sb.state.next_id()
        sb.register_app(
            app_id,
            APP_SLUG,
            public.decode(),
            permissions=dict(options.app_permissions),
            org=org,
            webhook_url=options.app_webhook_url,
            webhook_secret=secrets.token_hex(20),
        )
        app = sb.state.apps[app_id]
        notes.append(f"registered App {APP_SLUG} ({app_id}), installed on {org}")
    return {
        "id": app.app_id,
        "slug": app.slug,
        "private_key_file": str(key_file),
        "installation_id": app.installation_id,
        "webhook_secret": app.webhook_secret,
        "webhook_url": app.webhook_url,
        "permissions": dict(app.permissions),
    }


def prepare(options: Rehearsal) -> Prepared:
    """The sandbox to serve and the notes saying what was done."""
    notes: list[str] = []
    clock = _clock(options.clock)
    sb = _sandbox(options, clock, notes)
    if isinstance(clock, SimulatedClock):
        sb.app_times = False
        notes.append(
            f"simulated clock at {iso(clock.wall())}; advance it with POST /_sandbox/clock"
        )
    if options.faults_file is not None:
        sb.faults = load_faults(options.faults_file)
        notes.append(f"{len(sb.faults.rules)} fault rule(s) from {options.faults_file}")
    prepared = Prepared(sb, notes)
    if options.app_webhook_url is not None:
        prepared.app = _app(sb, options, notes)
    return prepared
