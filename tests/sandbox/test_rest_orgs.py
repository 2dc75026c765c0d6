"""Organizations, members, invitations and teams, through githubkit."""

from __future__ import annotations

from typing import Any

import pytest
from githubkit import GitHub
from githubkit.exception import RequestFailed

from cohort.sandbox import Sandbox
from tests.sandbox.conftest import items


def test_org_get_and_members(gh: GitHub[Any]) -> None:
    assert gh.rest.orgs.get("acme").parsed_data.login == "acme"
    logins = [u.login for u in items(gh.rest.orgs.list_members("acme"))]
    assert logins == ["max", "mia", "olga"]
    member = gh.rest.orgs.get_membership_for_user("acme", "olga").parsed_data
    assert (member.role, member.state) == ("admin", "active")


def test_unknown_org_is_404_with_github_body(gh: GitHub[Any]) -> None:
    with pytest.raises(RequestFailed) as err:
        gh.rest.orgs.get("nope")
    assert err.value.response.status_code == 404
    assert err.value.response.json()["message"] == "Not Found"


def test_org_invitation_is_pending_and_counts_as_content(gh: GitHub[Any], sb: Sandbox) -> None:
    otto = sb.state.users["otto"].id
    made = gh.rest.orgs.create_invitation("acme", invitee_id=otto, role="direct_member")
    assert made.status_code == 201
    pending = items(gh.rest.orgs.list_pending_invitations("acme"))
    assert [i.login for i in pending] == ["otto"]
    assert gh.rest.orgs.get_membership_for_user("acme", "otto").parsed_data.state == "pending"
    assert sb.counters()["content_created"] == 1


def test_team_create_with_maintainers_repos_and_privacy(
    gh: GitHub[Any], sb: Sandbox, repo: str
) -> None:
    made = gh.rest.teams.create(
        "acme", name="Team One", maintainers=["mia"], repo_names=[f"acme/{repo}"], privacy="closed"
    )
    assert made.status_code == 201
    team = sb.state.team("acme", "team-one")
    assert team is not None
    assert team.members["mia"] == "maintainer"
    assert team.privacy == "closed"
    assert team.repos == {"acme/proj": "pull"}
    assert gh.rest.teams.get_by_name("acme", "team-one").parsed_data.name == "Team One"
    assert [t.slug for t in gh.rest.teams.list("acme").parsed_data] == ["team-one"]


def test_duplicate_team_is_422(gh: GitHub[Any]) -> None:
    gh.rest.teams.create("acme", name="T")
    with pytest.raises(RequestFailed) as err:
        gh.rest.teams.create("acme", name="T")
    assert err.value.response.status_code == 422


def test_team_update_renames_and_changes_privacy(gh: GitHub[Any], sb: Sandbox) -> None:
    gh.rest.teams.create("acme", name="Old")
    gh.rest.teams.update_in_org("acme", "old", name="New", privacy="secret", description="d")
    team = sb.state.team("acme", "new")
    assert team is not None
    assert (team.privacy, team.description) == ("secret", "d")


def test_membership_active_for_members_pending_for_outsiders(gh: GitHub[Any], sb: Sandbox) -> None:
    gh.rest.teams.create("acme", name="T")
    mia = gh.rest.teams.add_or_update_membership_for_user_in_org("acme", "t", "mia", role="member")
    otto = gh.rest.teams.add_or_update_membership_for_user_in_org("acme", "t", "otto")
    assert (mia.parsed_data.state, otto.parsed_data.state) == ("active", "pending")
    assert [i.login for i in items(gh.rest.teams.list_pending_invitations_in_org("acme", "t"))] == [
        "otto"
    ]
    members = {u.login for u in items(gh.rest.teams.list_members_in_org("acme", "t"))}
    assert members == {"mia", "olga"}
    invited = items(gh.rest.orgs.list_pending_invitations("acme"))
    assert [(i.login, i.team_count) for i in invited] == [("otto", 1)]
    assert sb.counters()["content_created"] == 1
    got = gh.rest.teams.get_membership_for_user_in_org("acme", "t", "mia").parsed_data
    assert got.role == "member"
    gh.rest.teams.remove_membership_for_user_in_org("acme", "t", "mia")
    team = sb.state.team("acme", "t")
    assert team is not None
    assert "mia" not in team.members


def test_team_repo_permissions(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    gh.rest.teams.create("acme", name="T")
    gh.rest.teams.add_or_update_repo_permissions_in_org(
        "acme", "t", "acme", repo, permission="maintain"
    )
    listed = items(gh.rest.teams.list_repos_in_org("acme", "t"))
    assert [r.name for r in listed] == ["proj"]
    team = sb.state.team("acme", "t")
    assert team is not None
    assert team.repos == {"acme/proj": "maintain"}
    gh.rest.teams.remove_repo_in_org("acme", "t", "acme", repo)
    assert team.repos == {}


def test_accepting_the_org_invitation_activates_team_membership(
    gh: GitHub[Any], sb: Sandbox
) -> None:
    gh.rest.teams.create("acme", name="T")
    gh.rest.teams.add_or_update_membership_for_user_in_org("acme", "t", "otto")
    sb.accept_invitations("otto")
    got = gh.rest.teams.get_membership_for_user_in_org("acme", "t", "otto").parsed_data
    assert got.state == "active"
    assert "otto" in sb.state.orgs["acme"].members
