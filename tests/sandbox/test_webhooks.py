"""Webhook deliveries: caused by requests, signed, shaped as @octokit/openapi-webhooks says."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from importlib import resources
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jsonschema import Draft202012Validator

from cohort.sandbox import Sandbox, SandboxTransport, webhooks

SPEC = json.loads((resources.files("cohort.sandbox.specs") / "webhooks.json").read_text())
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PUBLIC = (
    KEY.public_key()
    .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    .decode()
)


def schema_errors(key: str, payload: Any) -> list[str]:
    validator = Draft202012Validator({**SPEC, "$ref": f"#/webhooks/{key}"})
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(payload)
    ]


def client(sb: Sandbox, token: str) -> httpx.Client:
    return httpx.Client(
        transport=SandboxTransport(sb),
        base_url="https://api.github.com",
        headers={"Authorization": f"token {token}"},
    )


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture
def world(sb: Sandbox, token: str) -> dict[str, httpx.Client]:
    sb.register_app(
        42,
        "cohort-mentors",
        PUBLIC,
        permissions={"pull_requests": "write"},
        org="acme",
        webhook_url="http://127.0.0.1:9/webhook",
        webhook_secret="s3cret",
    )
    olga = client(sb, token)
    olga.post("/orgs/acme/repos", json={"name": "proj", "auto_init": True})
    olga.put(
        "/repos/acme/proj/contents/CODEOWNERS", json={"message": "o", "content": b64("* @mia\n")}
    )
    olga.put("/repos/acme/proj/collaborators/mia", json={"permission": "push"})
    sb.add_user("mentee")
    olga.put("/repos/acme/proj/collaborators/mentee", json={"permission": "push"})
    sb.accept_invitations("mentee")
    return {
        "olga": olga,
        "mentee": client(sb, sb.issue_token("mentee")),
        "mia": client(sb, sb.issue_token("mia")),
    }


def week(sb: Sandbox, world: dict[str, httpx.Client]) -> None:
    base, mentee = "/repos/acme/proj", world["mentee"]
    head = sb.state.repos["acme/proj"].head()
    mentee.post(f"{base}/git/refs", json={"ref": "refs/heads/f", "sha": head})
    mentee.put(f"{base}/contents/a.md", json={"message": "a", "content": b64("a"), "branch": "f"})
    mentee.post(f"{base}/pulls", json={"title": "t", "head": "f", "base": "main"})
    mentee.put(f"{base}/contents/b.md", json={"message": "b", "content": b64("b"), "branch": "f"})
    world["olga"].post(f"{base}/issues/1/labels", json={"labels": ["needs-mentor-review"]})
    world["mia"].post(f"{base}/pulls/1/reviews", json={"event": "APPROVE", "body": "ok"})
    world["mia"].post(f"{base}/issues/1/comments", json={"body": "nice"})


def test_requests_cause_deliveries_in_order_with_github_shapes(
    sb: Sandbox, world: dict[str, httpx.Client]
) -> None:
    sb.state.deliveries.clear()
    week(sb, world)
    got = [(d.event, d.action) for d in sb.state.deliveries]
    assert got == [
        ("push", None),  # branch f created
        ("push", None),  # a.md on f
        ("pull_request", "opened"),
        ("pull_request", "review_requested"),
        ("push", None),
        ("pull_request", "synchronize"),
        ("pull_request", "labeled"),
        ("pull_request_review", "submitted"),
        ("issue_comment", "created"),
    ]
    for d in sb.state.deliveries:
        key = d.event.replace("_", "-") + (f"-{d.action.replace('_', '-')}" if d.action else "")
        assert schema_errors(key, json.loads(d.payload)) == [], key
    requested = json.loads(sb.state.deliveries[3].payload)["requested_reviewer"]["login"]
    assert requested == "mia"


def test_a_delivery_is_signed_with_the_webhook_secret(
    sb: Sandbox, world: dict[str, httpx.Client]
) -> None:
    week(sb, world)
    url, headers, body = webhooks.request_for(sb.state, sb.state.deliveries[-1])
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert (url, headers["x-github-event"], headers["x-hub-signature-256"]) == (
        "http://127.0.0.1:9/webhook",
        "issue_comment",
        expected,
    )


def test_no_app_listening_means_no_deliveries(sb: Sandbox, token: str) -> None:
    olga = client(sb, token)
    olga.post("/orgs/acme/repos", json={"name": "proj", "auto_init": True})
    olga.post("/repos/acme/proj/issues", json={"title": "t"})
    olga.post("/repos/acme/proj/issues/1/comments", json={"body": "x"})
    assert sb.state.deliveries == []


def test_the_app_lists_and_redelivers_with_its_jwt(
    sb: Sandbox, world: dict[str, httpx.Client]
) -> None:
    week(sb, world)
    now = int(sb.clock.wall())
    app_jwt = jwt.encode({"iat": now - 30, "exp": now + 540, "iss": "42"}, KEY, algorithm="RS256")
    app = client(sb, app_jwt)
    listed = app.get("/app/hook/deliveries", params={"per_page": 2})
    assert [d["event"] for d in listed.json()] == ["issue_comment", "pull_request_review"]
    assert 'rel="next"' in listed.headers["link"]
    first = listed.json()[0]
    webhooks.record_attempt(next(d for d in sb.state.deliveries if d.id == first["id"]), 500, 0.1)
    assert app.post(f"/app/hook/deliveries/{first['id']}/attempts").status_code == 202
    again = app.get("/app/hook/deliveries", params={"per_page": 1}).json()[0]
    assert (again["guid"], again["redelivery"], again["status"]) == (first["guid"], True, "pending")
    assert world["olga"].get("/app/hook/deliveries").status_code == 401
