"""Labels, milestones, issues, comments, issue labels and assignees."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from githubkit import GitHub
from githubkit.exception import RequestFailed

from cohort.sandbox import Sandbox
from tests.sandbox.conftest import items


def test_label_crud_and_duplicate(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    made = gh.rest.issues.create_label(
        "acme", repo, name="bug", color="d73a4a", description="broken"
    )
    assert made.status_code == 201
    with pytest.raises(RequestFailed) as err:
        gh.rest.issues.create_label("acme", repo, name="Bug", color="000000")
    assert err.value.response.json()["errors"] == [
        {"resource": "Label", "code": "already_exists", "field": "name"}
    ]
    gh.rest.issues.update_label("acme", repo, "bug", new_name="defect", color="000000")
    assert gh.rest.issues.get_label("acme", repo, "defect").parsed_data.color == "000000"
    assert [x.name for x in items(gh.rest.issues.list_labels_for_repo("acme", repo))] == ["defect"]
    gh.rest.issues.delete_label("acme", repo, "defect")
    assert sb.state.repos["acme/proj"].labels == []


def test_milestones_and_duplicate_title(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    made = gh.rest.issues.create_milestone(
        "acme", repo, title="Design", due_on=datetime(2027, 2, 1, tzinfo=UTC)
    ).parsed_data
    with pytest.raises(RequestFailed) as err:
        gh.rest.issues.create_milestone("acme", repo, title="Design")
    assert err.value.response.status_code == 422
    gh.rest.issues.update_milestone("acme", repo, made.number, state="closed")
    assert gh.rest.issues.get_milestone("acme", repo, made.number).parsed_data.state == "closed"
    assert gh.rest.issues.list_milestones("acme", repo).parsed_data == []
    assert len(gh.rest.issues.list_milestones("acme", repo, state="all").parsed_data) == 1


def test_issue_lifecycle(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    ms = gh.rest.issues.create_milestone("acme", repo, title="M").parsed_data
    issue = gh.rest.issues.create(
        "acme",
        repo,
        title="Do it",
        body="b",
        labels=["todo"],
        milestone=ms.number,
        assignees=["mia"],
    ).parsed_data
    assert issue.number == 1
    assert [x.name for x in issue.labels if not isinstance(x, str)] == ["todo"]
    gh.rest.issues.add_labels("acme", repo, 1, labels=["week-1"])
    gh.rest.issues.remove_label("acme", repo, 1, "todo")
    gh.rest.issues.set_labels("acme", repo, 1, labels=["week-1", "x"])
    gh.rest.issues.add_assignees("acme", repo, 1, assignees=["max"])
    comment = gh.rest.issues.create_comment("acme", repo, 1, body="hi").parsed_data
    gh.rest.issues.update_comment("acme", repo, comment.id, body="edited")
    assert [c.body for c in items(gh.rest.issues.list_comments("acme", repo, 1))] == ["edited"]
    gh.rest.issues.update("acme", repo, 1, state="closed")
    got = gh.rest.issues.get("acme", repo, 1).parsed_data
    assert got.state == "closed"
    assert got.milestone is not None
    assert gh.rest.issues.get_milestone("acme", repo, ms.number).parsed_data.closed_issues == 1
    item = sb.state.repos["acme/proj"].issues[1]
    assert item.assignees == ["mia", "max"]
    assert gh.rest.issues.list_for_repo("acme", repo).parsed_data == []
    assert len(gh.rest.issues.list_for_repo("acme", repo, state="all").parsed_data) == 1
    assert sb.counters()["content_created"] == 2


def test_pagination_link_headers(gh: GitHub[Any], repo: str) -> None:
    for n in range(5):
        gh.rest.issues.create_label("acme", repo, name=f"l{n}", color="ededed")
    page = gh.rest.issues.list_labels_for_repo("acme", repo, per_page=2, page=2)
    assert [x.name for x in items(page)] == ["l2", "l3"]
    link = page.headers["link"]
    assert 'page=3>; rel="next"' in link
    assert 'page=3>; rel="last"' in link
    assert 'page=1>; rel="prev"' in link
    assert 'rel="first"' in link
    assert (
        len(
            list(
                gh.rest.paginate(
                    gh.rest.issues.list_labels_for_repo, owner="acme", repo=repo, per_page=2
                )
            )
        )
        == 5
    )


def test_rate_limit_headers_on_every_response(gh: GitHub[Any], repo: str) -> None:
    headers = gh.rest.repos.get("acme", repo).headers
    for name in (
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "x-ratelimit-used",
        "x-ratelimit-resource",
    ):
        assert name in headers
