"""Repositories, topics, collaborators, invitations, contents, branches and protection."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from githubkit import GitHub
from githubkit.exception import RequestFailed

from cohort.sandbox import Sandbox
from cohort.sandbox.git import blob_sha


def test_create_in_org_with_auto_init_and_team(gh: GitHub[Any], sb: Sandbox) -> None:
    team = gh.rest.teams.create("acme", name="T").parsed_data
    made = gh.rest.repos.create_in_org(
        "acme",
        name="r",
        auto_init=True,
        team_id=team.id,
        visibility="private",
        description="x",
        has_wiki=False,
    )
    assert made.status_code == 201
    assert made.parsed_data.private
    repo = sb.state.repos["acme/r"]
    assert (repo.visibility, repo.has_wiki) == ("private", False)
    assert sb.files("acme/r") == {"README.md": b"# r\nx\n"}
    found = sb.state.team("acme", "t")
    assert found is not None
    assert found.repos == {"acme/r": "pull"}


def test_duplicate_repo_name_is_422(gh: GitHub[Any], repo: str) -> None:
    with pytest.raises(RequestFailed) as err:
        gh.rest.repos.create_in_org("acme", name=repo)
    assert err.value.response.status_code == 422
    assert err.value.response.json()["errors"][0]["field"] == "name"


def test_get_update_archive_and_list(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    assert gh.rest.repos.get("acme", repo).parsed_data.default_branch == "main"
    gh.rest.repos.update("acme", repo, description="new", archived=True)
    assert sb.state.repos["acme/proj"].archived
    with pytest.raises(RequestFailed) as err:
        gh.rest.issues.create_label("acme", repo, name="x")
    assert err.value.response.status_code == 403
    assert [r.name for r in gh.rest.repos.list_for_org("acme").parsed_data] == ["proj"]


def test_topics_replace_and_get(gh: GitHub[Any], repo: str) -> None:
    gh.rest.repos.replace_all_topics("acme", repo, names=["mentoring", "python"])
    assert gh.rest.repos.get_all_topics("acme", repo).parsed_data.names == ["mentoring", "python"]


def test_collaborator_201_invitation_then_204(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    invited = gh.rest.repos.add_collaborator("acme", repo, "otto", permission="push")
    assert invited.status_code == 201
    again = gh.rest.repos.add_collaborator("acme", repo, "otto", permission="push")
    assert again.status_code == 201
    assert len(sb.state.repos["acme/proj"].invitations) == 1
    member = gh.rest.repos.add_collaborator("acme", repo, "mia", permission="push")
    assert member.status_code == 204
    invitations = gh.rest.repos.list_invitations("acme", repo).parsed_data
    assert [i.invitee.login for i in invitations if i.invitee] == ["otto"]
    gh.rest.repos.delete_invitation("acme", repo, invitations[0].id)
    assert sb.state.repos["acme/proj"].invitations == []
    direct = gh.rest.repos.list_collaborators("acme", repo, affiliation="direct").parsed_data
    assert [c.login for c in direct] == ["mia"]
    gh.rest.repos.remove_collaborator("acme", repo, "mia")
    assert sb.state.repos["acme/proj"].collaborators == {}


def test_accepted_invitation_makes_a_collaborator(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    gh.rest.repos.add_collaborator("acme", repo, "otto", permission="push")
    sb.accept_invitations("otto")
    again = gh.rest.repos.add_collaborator("acme", repo, "otto", permission="push")
    assert again.status_code == 204


def test_contents_create_update_and_read(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    data = base64.b64encode(b"hello\n").decode()
    made = gh.rest.repos.create_or_update_file_contents(
        "acme", repo, "docs/a.md", message="add", content=data
    )
    assert made.status_code == 201
    with pytest.raises(RequestFailed) as err:
        gh.rest.repos.create_or_update_file_contents(
            "acme", repo, "docs/a.md", message="m", content=data
        )
    assert err.value.response.status_code == 422
    with pytest.raises(RequestFailed) as err:
        gh.rest.repos.create_or_update_file_contents(
            "acme", repo, "docs/a.md", message="m", content=data, sha="0" * 40
        )
    assert err.value.response.status_code == 409
    new = base64.b64encode(b"bye\n").decode()
    updated = gh.rest.repos.create_or_update_file_contents(
        "acme", repo, "docs/a.md", message="m", content=new, sha=blob_sha(b"hello\n")
    )
    assert updated.status_code == 200
    assert sb.files("acme/proj")["docs/a.md"] == b"bye\n"
    got = gh.rest.repos.get_content("acme", repo, "docs/a.md").json()
    assert not isinstance(got, list)
    assert got["type"] == "file"
    assert base64.b64decode(got["content"]) == b"bye\n"
    assert got["sha"] == blob_sha(b"bye\n")
    listing = gh.rest.repos.get_content("acme", repo, "docs").json()
    assert isinstance(listing, list)
    assert [x["name"] for x in listing] == ["a.md"]


def test_branch_and_protection(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    branch = gh.rest.repos.get_branch("acme", repo, "main").parsed_data
    assert not branch.protected
    gh.rest.repos.update_branch_protection(
        "acme",
        repo,
        "main",
        required_status_checks=None,
        enforce_admins=True,
        required_pull_request_reviews={
            "required_approving_review_count": 1,
            "require_code_owner_reviews": True,
        },
        restrictions=None,
    )
    rule = sb.state.repos["acme/proj"].rule_for("main")
    assert rule is not None
    assert rule.requires_code_owner_reviews
    got = gh.rest.repos.get_branch_protection("acme", repo, "main").parsed_data
    assert got.required_pull_request_reviews is not None
    assert gh.rest.repos.get_branch("acme", repo, "main").parsed_data.protected
    gh.rest.repos.delete_branch_protection("acme", repo, "main")
    assert sb.state.repos["acme/proj"].rules == []


def test_private_repo_protection_needs_a_paid_plan(gh: GitHub[Any]) -> None:
    gh.rest.repos.create_in_org("acme", name="p", private=True, auto_init=True)
    with pytest.raises(RequestFailed) as err:
        gh.rest.repos.update_branch_protection(
            "acme",
            "p",
            "main",
            required_status_checks=None,
            enforce_admins=None,
            required_pull_request_reviews=None,
            restrictions=None,
        )
    assert err.value.response.status_code == 403
