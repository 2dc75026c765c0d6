"""Pull requests: create, files, reviews, review requests, merge."""

from __future__ import annotations

import base64
from typing import Any, Literal

import pytest
from githubkit import GitHub
from githubkit.exception import RequestFailed

from cohort.sandbox import Sandbox
from tests.sandbox.conftest import github, items


def _branch_with_change(gh: GitHub[Any], repo: str) -> None:
    head = gh.rest.git.get_ref("acme", repo, "heads/main").parsed_data.object_.sha
    gh.rest.git.create_ref("acme", repo, ref="refs/heads/feature", sha=head)
    gh.rest.repos.create_or_update_file_contents(
        "acme",
        repo,
        "app.py",
        message="add app",
        branch="feature",
        content=base64.b64encode(b"print(1)\n").decode(),
    )


def test_pull_request_review_flow(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    _branch_with_change(gh, repo)
    pr = gh.rest.pulls.create(
        "acme", repo, title="Feature", head="feature", base="main"
    ).parsed_data
    assert pr.number == 1
    files = items(gh.rest.pulls.list_files("acme", repo, 1))
    assert [(f.filename, f.status, f.additions) for f in files] == [("app.py", "added", 1)]
    gh.rest.pulls.request_reviewers("acme", repo, 1, reviewers=["mia"])
    requested = gh.rest.pulls.list_requested_reviewers("acme", repo, 1).parsed_data
    assert [u.login for u in requested.users] == ["mia"]
    mia = github(sb, sb.issue_token("mia"))
    gh.rest.teams.create("acme", name="T", repo_names=["acme/proj"])
    gh.rest.teams.add_or_update_repo_permissions_in_org(
        "acme", "t", "acme", repo, permission="push"
    )
    gh.rest.teams.add_or_update_membership_for_user_in_org("acme", "t", "mia")
    mia.rest.pulls.create_review("acme", repo, 1, event="APPROVE", body="ok")
    assert [r.state for r in items(gh.rest.pulls.list_reviews("acme", repo, 1))] == ["APPROVED"]
    gh.rest.pulls.update("acme", repo, 1, title="Feature!")
    merged = gh.rest.pulls.merge("acme", repo, 1).parsed_data
    assert merged.merged
    assert gh.rest.pulls.get("acme", repo, 1).parsed_data.merged
    assert sb.files("acme/proj")["app.py"] == b"print(1)\n"
    assert gh.rest.pulls.list("acme", repo, state="closed").parsed_data[0].number == 1
    assert sb.counters()["content_created"] == 1


def test_pull_request_without_commits_is_422(gh: GitHub[Any], repo: str) -> None:
    head = gh.rest.git.get_ref("acme", repo, "heads/main").parsed_data.object_.sha
    gh.rest.git.create_ref("acme", repo, ref="refs/heads/same", sha=head)
    with pytest.raises(RequestFailed) as err:
        gh.rest.pulls.create("acme", repo, title="x", head="same", base="main")
    assert err.value.response.status_code == 422


def test_withdrawn_requests_and_pushes_show_on_the_pull_request(gh: GitHub[Any], repo: str) -> None:
    _branch_with_change(gh, repo)
    gh.rest.pulls.create("acme", repo, title="Feature", head="feature", base="main")
    gh.rest.pulls.request_reviewers("acme", repo, 1, reviewers=["mia", "noor"])
    gh.rest.pulls.remove_requested_reviewers("acme", repo, 1, reviewers=["mia"])
    requested = gh.rest.pulls.list_requested_reviewers("acme", repo, 1).parsed_data
    assert [u.login for u in requested.users] == ["noor"]
    gh.rest.repos.create_or_update_file_contents(
        "acme",
        repo,
        "more.py",
        message="more",
        branch="feature",
        content=base64.b64encode(b"print(2)\n").decode(),
    )
    tip = gh.rest.git.get_ref("acme", repo, "heads/feature").parsed_data.object_.sha
    assert gh.rest.pulls.get("acme", repo, 1).parsed_data.head.sha == tip


@pytest.mark.parametrize(
    ("method", "setting", "title"),
    [
        ("squash", "COMMIT_OR_PR_TITLE", "add app (#1)"),  # its only commit's title
        ("squash", "PR_TITLE", "Feature (#1)"),
        ("merge", "PR_TITLE", "Merge pull request #1 from acme/feature"),
    ],
)
def test_a_merge_without_a_title_is_titled_as_github_titles_it(
    gh: GitHub[Any],
    repo: str,
    method: Literal["merge", "squash"],
    setting: Literal["PR_TITLE", "COMMIT_OR_PR_TITLE"],
    title: str,
) -> None:
    gh.rest.repos.update("acme", repo, squash_merge_commit_title=setting)
    _branch_with_change(gh, repo)
    gh.rest.pulls.create("acme", repo, title="Feature", head="feature", base="main")
    gh.rest.pulls.merge("acme", repo, 1, merge_method=method)
    head = gh.rest.repos.get_branch("acme", repo, "main").parsed_data.commit.commit
    assert head.message == title
