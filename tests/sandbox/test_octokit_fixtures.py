"""Replay GitHub's own recordings (@octokit/fixtures) against the sandbox: 0 differences."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from cohort.sandbox import Sandbox, SandboxTransport

RECORDED = json.loads((Path(__file__).parent / "fixtures" / "octokit-fixtures.json").read_text())
ORG, USER_A, USER_B = "octokit-fixture-org", "octokit-fixture-user-a", "octokit-fixture-user-b"
Setup = Callable[[httpx.Client, Sandbox, str], dict[str, Callable[[], str]]]


def _put_file(client: httpx.Client, repo: str, path: str, text: str) -> str:
    answer = client.put(
        f"/repos/{ORG}/{repo}/contents/{path}",
        json={"message": f"add {path}", "content": base64.b64encode(text.encode()).decode()},
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["commit"]["sha"])


def _git_refs(client: httpx.Client, sb: Sandbox, repo: str) -> dict[str, Callable[[], str]]:
    first = _put_file(client, repo, "1.md", "# git-refs\ncreated with initial commit")
    second = _put_file(client, repo, "2.md", "# git-refs\ncreated with 2nd commit")
    # The recording numbers SHAs in order of appearance: main (2nd commit) first.
    return {"0" * 39 + "1": lambda: second, "0" * 39 + "2": lambda: first}


def _protection(client: httpx.Client, sb: Sandbox, repo: str) -> dict[str, Callable[[], str]]:
    _put_file(client, repo, "README.md", "# branch-protection")
    answer = client.put(f"/orgs/{ORG}/teams/a-team/repos/{ORG}/{repo}", json={"permission": "push"})
    assert answer.status_code == 204, answer.text
    return {}


def _collaborator(client: httpx.Client, sb: Sandbox, repo: str) -> dict[str, Callable[[], str]]:
    def invitation() -> str:
        return str(sb.state.repos[f"{ORG}/{repo}"].invitations[0].id)

    return {
        "/user/repository_invitations/1000": lambda: f"/user/repository_invitations/{invitation()}"
    }


def _issues(client: httpx.Client, sb: Sandbox, repo: str) -> dict[str, Callable[[], str]]:
    for number in range(1, 14):
        assert client.post(f"/repos/{ORG}/{repo}/issues", json={"title": f"Test issue {number}"})
    repo_id = sb.state.repos[f"{ORG}/{repo}"].id
    return {"/repositories/1000/": lambda: f"/repositories/{repo_id}/"}


def _hello_world(client: httpx.Client, sb: Sandbox, repo: str) -> dict[str, Callable[[], str]]:
    client.patch(f"/repos/{ORG}/{repo}", json={"default_branch": "master"})
    _put_file(client, repo, "README.md", "# hello-world")
    return {}


SETUPS: dict[str, tuple[str, Setup | None]] = {
    "git-refs": ("git-refs", _git_refs),
    "branch-protection": ("branch-protection", _protection),
    "add-and-remove-repository-collaborator": (
        "add-and-remove-repository-collaborator",
        _collaborator,
    ),
    "paginate-issues": ("paginate-issues", _issues),
    "get-content": ("hello-world", _hello_world),
    "get-repository": ("hello-world", _hello_world),
}


def _differences(recorded: dict[str, Any], status: int, answer: Any) -> list[str]:
    where = f"{recorded['method']} {recorded['path']}"
    if status != recorded["status"]:
        return [f"{where}: status {status}, GitHub {recorded['status']}"]
    problems = []
    if "keys" in recorded:
        missing = set(recorded["keys"]) - set(answer if isinstance(answer, dict) else {})
        problems += [f"{where}: missing keys {sorted(missing)}"] if missing else []
    if "item_keys" in recorded:
        items = answer if isinstance(answer, list) else []
        if len(items) != recorded["length"]:
            problems.append(f"{where}: {len(items)} items, GitHub {recorded['length']}")
        missing = set(recorded["item_keys"]) - set(items[0] if items else {})
        problems += [f"{where}: items miss keys {sorted(missing)}"] if missing else []
    if "text" in recorded and recorded["text"] and answer != recorded["text"]:
        problems.append(f"{where}: body {answer!r}, GitHub {recorded['text']!r}")
    if "error" in recorded:
        for key in ("message", "errors"):
            if recorded["error"].get(key) != answer.get(key):
                problems.append(
                    f"{where}: {key} {answer.get(key)!r}, GitHub {recorded['error'].get(key)!r}"
                )
    return problems


def replay(name: str) -> list[str]:
    """Every difference between GitHub's recording of ``name`` and the sandbox's answers."""
    sb = Sandbox()
    sb.add_org(ORG, owners=[USER_A], members=[])
    sb.add_user(USER_B)
    client = httpx.Client(
        transport=SandboxTransport(sb),
        base_url="https://api.github.com",
        headers={"Authorization": f"token {sb.issue_token(USER_A)}"},
    )
    assert client.post(f"/orgs/{ORG}/teams", json={"name": "a-team"}).status_code == 201
    repo, setup = SETUPS.get(name, (name, None))
    assert client.post(f"/orgs/{ORG}/repos", json={"name": repo}).status_code == 201
    swaps = setup(client, sb, repo) if setup else {}
    user_b = sb.issue_token(USER_B)
    problems: list[str] = []
    for recorded in RECORDED["scenarios"][name]:
        path, body = recorded["path"], json.dumps(recorded["body"]) if recorded["body"] else ""
        for old, new in swaps.items():
            if old in path or old in body:
                path, body = path.replace(old, new()), body.replace(old, new())
        as_b = path.startswith("/user/")
        answer = client.request(
            recorded["method"],
            path,
            content=body.encode(),
            headers={"Accept": recorded["accept"]}
            | ({"Authorization": f"token {user_b}"} if as_b else {}),
        )
        parsed: Any = answer.text
        if answer.headers.get("content-type", "").startswith("application/json"):
            parsed = answer.json()
        problems += _differences(recorded, answer.status_code, parsed)
    return problems


@pytest.mark.parametrize("name", sorted(RECORDED["scenarios"]))
def test_the_sandbox_answers_as_github_recorded(name: str) -> None:
    assert replay(name) == []


def test_the_extract_covers_the_scenarios_cohort_needs() -> None:
    assert {"errors", "git-refs", "labels", "branch-protection", "get-repository"} <= set(
        RECORDED["scenarios"]
    )
