"""The contract checks bite: bad requests are refused like GitHub, bad responses are recorded."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from cohort.sandbox import ContractError, Sandbox, routing
from cohort.sandbox.wire import HANDLERS, Response

ROOT = Path(__file__).resolve().parents[2]


def test_every_extracted_operation_has_a_handler() -> None:
    assert set(HANDLERS) == routing.operation_ids()
    assert len(HANDLERS) == 97


def test_wrongly_typed_body_is_422_and_recorded(http: httpx.Client, sb: Sandbox, repo: str) -> None:
    answer = http.post(f"/repos/acme/{repo}/labels", json={"name": 5})
    assert answer.status_code == 422
    assert answer.json()["message"].startswith("Invalid request.")
    assert [(e.direction, e.operation) for e in sb.contract_errors] == [
        ("request", "issues/create-label")
    ]
    with pytest.raises(ContractError):
        sb.assert_clean()
    sb.contract_errors.clear()


def test_missing_required_field_is_422(http: httpx.Client, sb: Sandbox) -> None:
    assert http.post("/orgs/acme/repos", json={"private": True}).status_code == 422
    assert sb.contract_errors
    sb.contract_errors.clear()


def test_bad_json_is_400(http: httpx.Client, sb: Sandbox) -> None:
    answer = http.post("/orgs/acme/repos", content=b"{nope")
    assert answer.status_code == 400
    assert answer.json()["message"] == "Problems parsing JSON"
    sb.contract_errors.clear()


def test_unknown_path_is_404_with_github_body(http: httpx.Client) -> None:
    answer = http.get("/repos/acme/proj/nonsense/path")
    assert answer.status_code == 404
    assert answer.json()["message"] == "Not Found"
    assert "documentation_url" in answer.json()


def test_non_conforming_response_is_recorded(
    http: httpx.Client, sb: Sandbox, repo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    http.post(f"/repos/acme/{repo}/labels", json={"name": "bug"})
    monkeypatch.setitem(
        HANDLERS,
        "issues/get-label",
        lambda ctx, req: Response(200, {"name": "bug", "id": "not-an-int"}),
    )
    assert http.get(f"/repos/acme/{repo}/labels/bug").status_code == 200
    assert [e.direction for e in sb.contract_errors] == ["response"]
    assert "id" in sb.contract_errors[0].detail
    sb.contract_errors.clear()


def test_checks_can_be_switched_off_for_requests() -> None:
    sb = Sandbox(check_contract=False)
    sb.add_org("acme", owners=["olga"])
    token = sb.issue_token("olga")
    status, _, _ = sb.handle(
        "POST",
        "https://api.github.com/orgs/acme/repos",
        {"Authorization": f"token {token}"},
        b'{"name": 5}',
    )
    assert status == 422
    assert sb.contract_errors == []


def test_ghes_prefixes_are_served(http: httpx.Client, repo: str) -> None:
    assert http.get(f"/api/v3/repos/acme/{repo}").json()["name"] == repo
    body = http.post("/api/graphql", json={"query": "{ viewer { login } }"}).json()
    assert body == {"data": {"viewer": {"login": "olga"}}}


def test_extract_script_lists_exactly_the_served_operations() -> None:
    text = (ROOT / "scripts" / "extract_specs.py").read_text()
    listed = set(text.split('_OPERATION_TEXT = """')[1].split('"""')[0].split())
    assert listed == routing.operation_ids()
