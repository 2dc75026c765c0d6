"""A cohort applied to a sandbox org, the App registered on it, and a server to send to."""

from __future__ import annotations

import base64
import json
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cohort.app.clients import AppClients
from cohort.app.endpoints import required_permissions
from cohort.app.gather import Gatherer
from cohort.app.process import Processor
from cohort.app.server import Settings, make_app
from cohort.app.source import RepoSource
from cohort.app.store import SQLiteStore, Store
from cohort.app.verify import sign
from cohort.app.worker import Handle, Workers
from cohort.github.apply import apply_cohort
from cohort.github.client import Client
from cohort.github.pacing import Pacing
from cohort.reconcile.safety import Allowances
from cohort.sandbox import SandboxTransport
from tests.conftest import EXAMPLE
from tests.github.orgkit import Org, make_org
from tests.reconcile.helpers import desired_for, example_cohort

SECRET = "webhook-secret-for-tests"
APP_ID, SLUG = 4242, "cohort-mentors"
ORG = "omp-cohorts"
LABEL_RULES = b"'area: frontend': ['src/**']\n'area: docs': ['docs/**', '*.md']\n"
NO_PACING = Pacing(min_interval=0.0, per_minute=10**9, per_hour=10**9)
DESIGN_WEEK = 1_802_260_800.0  # 2027-02-10 12:00 UTC, week 2 of the example cohort
_KEYS: list[tuple[str, str]] = []


class Serialized(httpx.BaseTransport):
    """The sandbox is single-threaded: let one request in at a time."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            response = self.inner.handle_request(request)
            response.read()
            return response


def keys() -> tuple[str, str]:
    """One RSA key pair for the test session (private, public) in PEM."""
    if not _KEYS:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        private = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        public = (
            key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )
        _KEYS.append((private, public))
    return _KEYS[0]


@dataclass
class World:
    org: Org
    installation: int
    transport: Serialized

    @property
    def client(self) -> Client:
        return self.org.client

    def put_file(self, repo: str, path: str, content: bytes, branch: str = "main") -> None:
        body = {
            "message": f"add {path}",
            "branch": branch,
            "content": base64.b64encode(content).decode(),
        }
        self.client.rest("PUT", f"/repos/{repo}/contents/{path}", body)

    def open_pull(self, repo: str, branch: str, files: dict[str, bytes]) -> dict[str, Any]:
        """A branch with ``files`` and a pull request from it, as GitHub shows it."""
        head = self.client.rest("GET", f"/repos/{repo}/git/ref/heads/main")["object"]["sha"]
        self.client.rest(
            "POST", f"/repos/{repo}/git/refs", {"ref": f"refs/heads/{branch}", "sha": head}
        )
        for path, content in files.items():
            self.put_file(repo, path, content, branch)
        pr = self.client.rest(
            "POST",
            f"/repos/{repo}/pulls",
            {"title": f"Work on {branch}", "head": branch, "base": "main"},
        )
        return dict(pr)

    def payload(self, action: str, repo: str, pr: dict[str, Any]) -> bytes:
        """A pull_request delivery body for ``pr``."""
        full = self.client.rest("GET", f"/repos/{repo}")
        body = {
            "action": action,
            "number": pr["number"],
            "pull_request": pr,
            "repository": full,
            "sender": pr["user"],
            "installation": {"id": self.installation},
        }
        return json.dumps(body).encode()

    def labels(self, repo: str, number: int) -> set[str]:
        r = self.org.box.state.repos[repo]
        names = {lb.id: lb.name for lb in r.labels}
        return {names[i] for i in r.issues[number].label_ids}

    def requested(self, repo: str, number: int) -> list[str]:
        pull = self.org.box.state.repos[repo].issues[number].pull
        assert pull is not None
        return list(pull.requested_users)


def make_world() -> World:
    """The example cohort applied, its cohort.yml in cohort-admin, the App installed."""
    cohort = example_cohort()
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.clock.advance(DESIGN_WEEK - org.clock.wall())
    _private, public = keys()
    installation = org.box.register_app(
        APP_ID, SLUG, public, permissions=required_permissions(), org=ORG
    )
    world = World(org, installation, Serialized(SandboxTransport(org.box)))
    org.client.rest("POST", f"/orgs/{ORG}/repos", {"name": "cohort-admin", "auto_init": True})
    world.put_file(f"{ORG}/cohort-admin", "cohort.yml", EXAMPLE.read_bytes())
    for team in ("aurora", "delta"):
        world.put_file(f"{ORG}/2027-spring-{team}", ".github/cohort-labels.yml", LABEL_RULES)
    return world


def processor(world: World, store: Store | None = None) -> Processor:
    """Handles events as the App: installation tokens, cohort from cohort-admin."""
    clock = world.org.clock
    clients = AppClients(
        APP_ID, keys()[0], transport=world.transport, clock=clock, pacing=NO_PACING
    )
    gatherer = Gatherer(RepoSource(clock=clock), clock, app_login=f"{SLUG}[bot]")
    return Processor(clients, gatherer, store.track if store else None)


def settings(handle: Handle, store: Store | None = None, count: int = 2) -> Settings:
    real = store or SQLiteStore()
    return Settings(SECRET, real, Workers(real, handle, count=count, poll=0.05, backoff=0.05))


def headers(
    body: bytes, delivery: str, event: str = "pull_request", secret: str = SECRET
) -> dict[str, str]:
    return {
        "X-Hub-Signature-256": sign(secret, body),
        "X-GitHub-Delivery": delivery,
        "X-GitHub-Event": event,
        "Content-Type": "application/json",
    }


def wait_done(store: Store, delivery: str, timeout: float = 10.0) -> str | None:
    """The delivery's status once it is done or failed (bounded wait)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = store.status(delivery)
        if status in ("done", "failed"):
            return status
        time.sleep(0.01)
    return store.status(delivery)


__all__ = ["make_app"]
