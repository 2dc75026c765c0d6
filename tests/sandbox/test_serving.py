"""Accounting, persistence, the async transport, the ASGI app and the serve entry point."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import httpx

from cohort.sandbox import AsyncSandboxTransport, Sandbox


def test_log_classifies_reads_writes_and_mutations(http: httpx.Client, sb: Sandbox) -> None:
    http.post("/orgs/acme/repos", json={"name": "r", "auto_init": True})
    http.get("/repos/acme/r")
    http.post("/graphql", json={"query": "{ viewer { login } }"})
    entry = sb.log[0]
    assert (entry.method, entry.path, entry.operation, entry.kind, entry.status) == (
        "POST",
        "/orgs/acme/repos",
        "repos/create-in-org",
        "write",
        201,
    )
    assert [e.operation for e in sb.log[1:]] == ["repos/get", "graphql:query"]
    assert sb.counters() == {
        "requests": 3,
        "reads": 2,
        "writes": 1,
        "mutations": 1,
        "content_created": 0,
    }
    sb.reset_log()
    assert sb.counters()["requests"] == 0


def test_save_and_load_round_trip(http: httpx.Client, sb: Sandbox, tmp_path: Path) -> None:
    http.post("/orgs/acme/repos", json={"name": "r", "auto_init": True})
    http.post("/repos/acme/r/issues", json={"title": "t", "labels": ["a"]})
    http.post("/orgs/acme/teams", json={"name": "T", "maintainers": ["mia"]})
    path = tmp_path / "state.json"
    sb.save(path)
    again = Sandbox.load(path)
    assert again.state == sb.state
    assert again.files("acme/r") == {"README.md": b"# r\n"}


def test_async_transport(sb: Sandbox, token: str) -> None:
    async def go() -> int:
        async with httpx.AsyncClient(
            transport=AsyncSandboxTransport(sb),
            base_url="https://api.github.com",
            headers={"Authorization": f"token {token}"},
        ) as client:
            return (await client.get("/orgs/acme")).status_code

    assert asyncio.run(go()) == 200


def test_asgi_app_answers(sb: Sandbox, token: str) -> None:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=sb.asgi())
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
            return await client.get("/orgs/acme", headers={"Authorization": f"token {token}"})

    answer = asyncio.run(go())
    assert answer.status_code == 200
    assert answer.json()["login"] == "acme"
    assert "x-ratelimit-remaining" in answer.headers


def test_serve_prints_url_and_token_and_answers(tmp_path: Path) -> None:
    state = tmp_path / "s.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cohort.sandbox",
            "serve",
            "--port",
            "0",
            "--state",
            str(state),
            "--org",
            "demo",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        answer = httpx.get(
            f"{info['url']}/orgs/demo",
            headers={"Authorization": f"token {info['token']}"},
            timeout=10,
        )
        assert answer.status_code == 200
        assert answer.json()["login"] == "demo"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    assert state.exists()
    assert json.loads(state.read_text())["version"] == 1


def test_githubkit_async_client_and_default_http_cache(sb: Sandbox, token: str) -> None:
    from githubkit import GitHub

    from cohort.sandbox import SandboxTransport

    gh = GitHub(
        token,
        base_url="https://api.github.com",
        transport=SandboxTransport(sb),
        async_transport=AsyncSandboxTransport(sb),
    )

    async def go() -> str:
        return (await gh.rest.orgs.async_get("acme")).parsed_data.login

    assert asyncio.run(go()) == "acme"
    assert gh.rest.orgs.get("acme").parsed_data.login == "acme"


def test_head_request_answers_without_body(http: httpx.Client) -> None:
    answer = http.head("/orgs/acme")
    assert answer.status_code == 200
    assert answer.content == b""


def test_cohort_sandbox_serve_rehearses_with_a_clock_and_the_app(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLE

    state = tmp_path / "rehearsal.json"
    command = [sys.executable, "-m", "cohort", "sandbox", "serve", "--state", str(state)]
    command += ["--cohort", str(EXAMPLE), "--clock", "2027-02-01T09:00:00Z"]
    command += ["--app-webhook-url", "http://127.0.0.1:9/webhook"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        moved = httpx.post(f"{info['url']}/_sandbox/clock", json={"advance": "P7D"}, timeout=10)
        org = httpx.get(
            f"{info['url']}/orgs/{info['orgs'][0]}",
            headers={"Authorization": f"token {info['tokens'][info['login']]}"},
            timeout=10,
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    assert moved.json() == {"now": "2027-02-08T09:00:00Z"}
    assert org.status_code == 200
    assert info["clock"] == "2027-02-01T09:00:00Z"
    assert len(info["tokens"]) > 3
    assert Path(info["app"]["private_key_file"]).exists()
    assert info["notes"][0].startswith("seeded organization ")
    assert state.exists()
