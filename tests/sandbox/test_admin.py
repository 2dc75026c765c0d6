"""``/_sandbox/`` admin endpoints and ``cohort sandbox serve``'s preparation (no sockets)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from cohort.clock import SimulatedClock, SystemClock
from cohort.sandbox import Sandbox, SandboxTransport
from cohort.sandbox.admin import duration
from cohort.sandbox.asgi import SandboxApp
from cohort.sandbox.rehearsal import Rehearsal, RehearsalError, load_faults, prepare


def call(sb: Sandbox, method: str, path: str, body: Any = None) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=SandboxApp(sb))
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
            return await client.request(method, path, json=body)

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("text", "seconds"), [("P7D", 604800), ("PT36H", 129600), ("P1W2DT3H4M5S", 788645)]
)
def test_iso_durations(text: str, seconds: int) -> None:
    assert duration(text) == seconds


def test_clock_advances_and_sets_but_never_goes_back(sb: Sandbox) -> None:
    assert call(sb, "POST", "/_sandbox/clock", {"set": "2027-02-01T09:00:00Z"}).json() == {
        "now": "2027-02-01T09:00:00Z"
    }
    assert call(sb, "POST", "/_sandbox/clock", {"advance": "P7D"}).json() == {
        "now": "2027-02-08T09:00:00Z"
    }
    back = call(sb, "POST", "/_sandbox/clock", {"set": "2027-01-01T00:00:00Z"})
    assert (back.status_code, back.json()["message"]) == (
        409,
        "the sandbox clock never goes back; give a later time",
    )
    bad = call(sb, "POST", "/_sandbox/clock", {"advance": "seven days"})
    assert bad.status_code == 400
    assert "not an ISO-8601 duration" in bad.json()["message"]


def test_the_wall_clock_cannot_be_moved() -> None:
    sb = Sandbox(SystemClock())
    answer = call(sb, "POST", "/_sandbox/clock", {"advance": "P1D"})
    assert answer.status_code == 409


def test_users_are_added_with_a_token_and_accept_invitations(sb: Sandbox, token: str) -> None:
    made = call(sb, "POST", "/_sandbox/users", {"login": "Late-Mentee", "name": "Lé Ménteé"})
    assert (made.status_code, made.json()["login"]) == (201, "Late-Mentee")
    again = call(sb, "POST", "/_sandbox/users", {"login": "late-mentee"})
    assert (again.status_code, again.json()["message"]) == (409, "Late-Mentee already exists")
    with httpx.Client(
        transport=SandboxTransport(sb),
        base_url="https://api.github.com",
        headers={"Authorization": f"token {token}"},
    ) as api:
        api.post("/orgs/acme/teams", json={"name": "t"})
        api.put("/orgs/acme/teams/t/memberships/late-mentee", json={"role": "member"})
    accepted = call(sb, "POST", "/_sandbox/invitations/accept", {"login": "LATE-MENTEE"})
    assert accepted.json() == {
        "login": "Late-Mentee",
        "accepted": ["member of acme", "member of team acme/t"],
    }
    assert call(sb, "POST", "/_sandbox/invitations/accept", {"login": "nobody"}).status_code == 404
    assert call(sb, "GET", "/_sandbox/nothing").status_code == 404


def test_prepare_seeds_then_says_it_loaded_the_state(tmp_path: Path) -> None:
    state = tmp_path / "s.json"

    def seed(box: Sandbox) -> str:
        box.add_org("omp", owners=["ada"], members=["JaneDoe42"])
        return "seeded omp"

    first = prepare(Rehearsal(state_file=state, seed=seed, seed_name="cohort.yml"))
    assert first.notes == ["seeded omp", f"will save the state to {state} on shutdown"]
    first.sandbox.save(state)
    second = prepare(
        Rehearsal(state_file=state, seed=seed, seed_name="cohort.yml", clock="2027-02-01T09:00:00Z")
    )
    assert second.notes[:2] == [
        f"loaded the state from {state}",
        f"did not seed cohort.yml: {state} already holds a sandbox (delete it to seed again)",
    ]
    out = second.announce("http://127.0.0.1:1")
    assert sorted(out["tokens"]) == ["JaneDoe42", "ada"]
    assert out["token"] == out["tokens"]["ada"]
    assert out["clock"] == "2027-02-01T09:00:00Z"
    assert isinstance(second.sandbox.clock, SimulatedClock)


def test_prepare_registers_the_app_with_a_key_file(tmp_path: Path) -> None:
    options = Rehearsal(
        state_file=tmp_path / "s.json",
        app_webhook_url="http://127.0.0.1:8080/webhook",
        app_permissions={"issues": "write", "metadata": "read"},
    )
    prepared = prepare(options)
    app = prepared.announce("http://x")["app"]
    assert set(app) >= {"id", "slug", "private_key_file", "installation_id", "webhook_secret"}
    assert Path(app["private_key_file"]).read_text().startswith("-----BEGIN PRIVATE KEY-----")
    stored = prepared.sandbox.state.apps[app["id"]]
    assert (stored.webhook_url, stored.permissions) == (
        "http://127.0.0.1:8080/webhook",
        {"issues": "write", "metadata": "read"},
    )


def test_faults_file_is_read_with_clear_errors(tmp_path: Path) -> None:
    good = tmp_path / "faults.json"
    good.write_text(json.dumps({"seed": 3, "faults": [{"kind": "5xx", "on_write": 2}]}))
    plan = load_faults(good)
    assert (plan.seed, [(f.kind, f.on_write) for f in plan.rules]) == (3, [("5xx", 2)])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"faults": [{"kind": "meteor"}]}))
    with pytest.raises(RehearsalError, match=r"bad.json: faults\[0\]: unknown kind 'meteor'"):
        load_faults(bad)


def test_cli_refuses_a_bad_faults_file_without_a_traceback(tmp_path: Path) -> None:
    from cohort.cli.main import cli

    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = CliRunner().invoke(cli, ["sandbox", "serve", "--faults", str(bad)])
    assert result.exit_code == 2
    assert "cannot read faults JSON" in result.output
    assert "Traceback" not in result.output
