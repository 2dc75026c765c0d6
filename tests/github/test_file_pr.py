"""open_file_pr against a small in-memory fake of the routes it calls (no sandbox)."""

from __future__ import annotations

import base64
from typing import Any

from cohort.errors import UnprocessableError
from cohort.github import routes
from cohort.github.file_pr import open_file_pr
from cohort.github.routes import Route


class FakeRepo:
    """One repository: branches, files per branch, pull requests; answers as GitHub does."""

    def __init__(self) -> None:
        self.branches = {"main": "c0"}
        self.files: dict[tuple[str, str], str] = {}
        self.pulls: list[dict[str, Any]] = []

    def rest(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        raise AssertionError(f"undeclared call {method} {path}")

    def call(
        self,
        route: Route,
        *,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        **where: str | int,
    ) -> Any:
        b = body or {}
        if route == routes.LIST_PULLS:
            head = str((params or {}).get("head", "")).split(":")[-1]
            return [p for p in self.pulls if p["head"] == head]
        if route == routes.GET_REPO:
            return {"default_branch": "main"}
        if route == routes.GET_HEAD_REF:
            return {"object": {"sha": self.branches[str(where["branch"])]}}
        if route == routes.CREATE_REF:
            name = str(b["ref"]).removeprefix("refs/heads/")
            if name in self.branches:
                raise UnprocessableError("Reference already exists", method="POST", path="/r")
            self.branches[name] = str(b["sha"])
            return {}
        if route == routes.PUT_CONTENT:
            text = base64.b64decode(str(b["content"])).decode()
            self.files[(str(b["branch"]), str(where["path"]))] = text
            return {}
        if route == routes.CREATE_PULL:
            made = {**b, "html_url": f"https://example.test/pull/{len(self.pulls) + 1}"}
            self.pulls.append(made)
            return made
        raise AssertionError(f"unexpected route {route}")


def propose(repo: FakeRepo, text: str) -> str:
    return open_file_pr(
        repo, "org/admin", "cohort.yml", text, None, branch="b1", title="t", body="why"
    )


def test_opens_a_branch_a_commit_and_a_pull_request() -> None:
    repo = FakeRepo()
    assert propose(repo, "v: 1\n") == "https://example.test/pull/1"
    assert repo.branches == {"main": "c0", "b1": "c0"}
    assert repo.files == {("b1", "cohort.yml"): "v: 1\n"}
    assert [(p["head"], p["base"]) for p in repo.pulls] == [("b1", "main")]


def test_a_branch_left_from_an_earlier_try_is_reused() -> None:
    repo = FakeRepo()
    repo.branches["b1"] = "c0"  # the branch exists (GitHub answers 422), no pull request yet
    assert propose(repo, "v: 2\n") == "https://example.test/pull/1"
    assert repo.files == {("b1", "cohort.yml"): "v: 2\n"}


def test_an_open_pull_request_is_returned_without_writing() -> None:
    repo = FakeRepo()
    propose(repo, "v: 1\n")
    assert propose(repo, "v: 3\n") == "https://example.test/pull/1"
    assert repo.files == {("b1", "cohort.yml"): "v: 1\n"}
    assert len(repo.pulls) == 1
