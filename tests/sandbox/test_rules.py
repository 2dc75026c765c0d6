"""GitHub's rules, each with GitHub's status and error shape (sources: cohort.sandbox.rules)."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import httpx
import pytest

from cohort.sandbox import Sandbox, SandboxTransport


def client(sb: Sandbox, token: str) -> httpx.Client:
    return httpx.Client(
        transport=SandboxTransport(sb),
        base_url="https://api.github.com",
        headers={"Authorization": f"token {token}"},
    )


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture
def olga(sb: Sandbox, token: str) -> httpx.Client:
    return client(sb, token)


@pytest.fixture
def proj(olga: httpx.Client) -> str:
    assert (
        olga.post("/orgs/acme/repos", json={"name": "proj", "auto_init": True}).status_code == 201
    )
    return "/repos/acme/proj"


def protect(olga: httpx.Client, proj: str, **reviews: Any) -> None:
    body = {
        "required_status_checks": None,
        "enforce_admins": True,
        "required_pull_request_reviews": {"required_approving_review_count": 1, **reviews},
        "restrictions": None,
    }
    assert olga.put(f"{proj}/branches/main/protection", json=body).status_code == 200


def branch_pr(sb: Sandbox, writer: httpx.Client, proj: str, path: str = "src/a.py") -> int:
    head = sb.state.repos["acme/proj"].head()
    assert (
        writer.post(f"{proj}/git/refs", json={"ref": "refs/heads/f", "sha": head}).status_code
        == 201
    )
    put = writer.put(
        f"{proj}/contents/{path}", json={"message": "m", "content": b64("x"), "branch": "f"}
    )
    assert put.status_code == 201, put.text
    made = writer.post(f"{proj}/pulls", json={"title": "t", "head": "f", "base": "main"})
    assert made.status_code == 201
    return int(made.json()["number"])


# -- validation and already_exists --------------------------------------------------------------


def test_duplicate_names_answer_as_github_does(olga: httpx.Client, proj: str) -> None:
    """Labels and milestones: ``already_exists``; teams and repositories: GitHub's ``custom``
    error with its message (as GitHub answers them)."""
    olga.post(f"{proj}/labels", json={"name": "week-1", "color": "ededed"})
    olga.post(f"{proj}/milestones", json={"title": "Week 1"})
    olga.post("/orgs/acme/teams", json={"name": "Team A"})
    answers = [
        olga.post(f"{proj}/labels", json={"name": "WEEK-1", "color": "ededed"}),
        olga.post(f"{proj}/milestones", json={"title": "Week 1"}),
    ]
    codes = [(a.status_code, [e.get("code") for e in a.json()["errors"]]) for a in answers]
    assert codes == [(422, ["already_exists"])] * 2
    team = olga.post("/orgs/acme/teams", json={"name": "Team A"})
    assert team.status_code == 422
    assert team.json()["errors"][0]["message"] == "Name must be unique for this org"
    again = olga.post("/orgs/acme/repos", json={"name": "PROJ"})
    assert again.status_code == 422
    assert again.json()["errors"][0]["message"] == "name already exists on this account"


def test_invalid_label_colour_is_422_invalid_as_recorded(olga: httpx.Client, proj: str) -> None:
    answer = olga.post(f"{proj}/labels", json={"name": "foo", "color": "invalid"})
    assert (answer.status_code, answer.json()["message"], answer.json()["errors"]) == (
        422,
        "Validation Failed",
        [{"resource": "Label", "code": "invalid", "field": "color"}],
    )


# -- branch protection and code owners --


def test_direct_push_to_a_protected_branch_is_refused(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    protect(olga, proj)
    put = olga.put(f"{proj}/contents/new.md", json={"message": "m", "content": b64("x")})
    assert (put.status_code, put.json()["message"]) == (
        409,
        "Changes must be made through a pull request.",
    )
    head = sb.state.repos["acme/proj"].head()
    olga.post(f"{proj}/git/refs", json={"ref": "refs/heads/side", "sha": head})
    side = olga.put(
        f"{proj}/contents/b.md", json={"message": "m", "content": b64("b"), "branch": "side"}
    )
    moved = olga.patch(f"{proj}/git/refs/heads/main", json={"sha": side.json()["commit"]["sha"]})
    assert (moved.status_code, moved.json()["message"]) == (
        422,
        "Protected branch update failed for refs/heads/main.",
    )
    assert sb.state.repos["acme/proj"].head() == head


def test_unreviewed_merge_is_refused_then_allowed_after_approval(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    sb.add_user("mona")
    olga.put(f"{proj}/collaborators/mona", json={"permission": "push"})
    sb.accept_invitations("mona")
    mona = client(sb, sb.issue_token("mona"))
    protect(olga, proj)
    number = branch_pr(sb, mona, proj)
    refused = mona.put(f"{proj}/pulls/{number}/merge", json={})
    assert (refused.status_code, refused.json()["message"]) == (
        405,
        "At least 1 approving review is required by reviewers with write access.",
    )
    olga.post(f"{proj}/pulls/{number}/reviews", json={"event": "APPROVE"})
    assert mona.put(f"{proj}/pulls/{number}/merge", json={}).status_code == 200


def test_code_owners_are_requested_and_their_review_is_required(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    sb.add_user("JaneDoe42")
    sb.add_user("mona")
    for login in ("janedoe42", "mona"):
        olga.put(f"{proj}/collaborators/{login}", json={"permission": "push"})
        sb.accept_invitations(login)
    owners = "* @olga\n[bad line\n/src/ @JANEDOE42\n"  # last match wins; the bad line is skipped
    olga.put(f"{proj}/contents/.github/CODEOWNERS", json={"message": "o", "content": b64(owners)})
    protect(olga, proj, require_code_owner_reviews=True)
    mona = client(sb, sb.issue_token("mona"))
    number = branch_pr(sb, mona, proj)
    asked = olga.get(f"{proj}/pulls/{number}/requested_reviewers").json()
    assert [u["login"] for u in asked["users"]] == ["JaneDoe42"]
    olga.post(f"{proj}/pulls/{number}/reviews", json={"event": "APPROVE"})
    refused = mona.put(f"{proj}/pulls/{number}/merge", json={})
    assert (refused.status_code, refused.json()["message"]) == (
        405,
        "Waiting on code owner review from janedoe42.",
    )


def test_draft_pull_requests_do_not_request_code_owners(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    olga.put(f"{proj}/contents/CODEOWNERS", json={"message": "o", "content": b64("* @max\n")})
    head = sb.state.repos["acme/proj"].head()
    olga.post(f"{proj}/git/refs", json={"ref": "refs/heads/f", "sha": head})
    olga.put(f"{proj}/contents/x.md", json={"message": "m", "content": b64("x"), "branch": "f"})
    made = olga.post(
        f"{proj}/pulls", json={"title": "t", "head": "f", "base": "main", "draft": True}
    )
    assert sb.state.repos["acme/proj"].issues[made.json()["number"]].pull.requested_users == []  # type: ignore[union-attr]


# -- workflow files --


def test_a_token_without_the_workflow_scope_cannot_write_workflows(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    limited = client(sb, sb.issue_token("olga", scopes=["repo", "admin:org"]))
    body = {"message": "ci", "content": b64("on: push\n")}
    assert limited.put(f"{proj}/contents/.github/workflows/ci.yml", json=body).status_code == 404
    tree = limited.post(
        f"{proj}/git/trees",
        json={
            "tree": [
                {
                    "path": ".github/workflows/ci.yml",
                    "mode": "100644",
                    "type": "blob",
                    "content": "x",
                }
            ]
        },
    )
    assert tree.status_code == 404
    assert limited.put(f"{proj}/contents/docs/ok.md", json=body).status_code == 201
    assert olga.put(f"{proj}/contents/.github/workflows/ci.yml", json=body).status_code == 201
    assert limited.get(f"{proj}").headers["x-oauth-scopes"] == "repo, admin:org"


def test_create_commit_on_branch_needs_the_workflows_permission(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    head = sb.state.repos["acme/proj"].head()
    doc = """mutation($input: CreateCommitOnBranchInput!) {
      createCommitOnBranch(input: $input) { commit { oid } } }"""
    variables = {
        "input": {
            "branch": {"repositoryNameWithOwner": "acme/proj", "branchName": "main"},
            "expectedHeadOid": head,
            "message": {"headline": "ci"},
            "fileChanges": {
                "additions": [{"path": ".github/workflows/ci.yml", "contents": b64("x")}]
            },
        }
    }
    limited = client(sb, sb.issue_token("olga", scopes=["repo"]))
    answer = limited.post("/graphql", json={"query": doc, "variables": variables}).json()
    assert answer["errors"][0]["type"] == "FORBIDDEN"
    assert answer["errors"][0]["message"] == (
        "refusing to allow a Personal Access Token to create or update workflow "
        "`.github/workflows/ci.yml` without `workflow` scope"
    )


# -- invitations --


def test_team_invitation_is_pending_until_accepted_and_cancellable(
    sb: Sandbox, olga: httpx.Client
) -> None:
    sb.add_user("NewPerson")
    olga.post("/orgs/acme/teams", json={"name": "t"})
    put = olga.put("/orgs/acme/teams/t/memberships/newperson", json={"role": "member"})
    assert (put.status_code, put.json()["state"]) == (200, "pending")
    invites = olga.get("/orgs/acme/invitations").json()
    assert [i["login"] for i in invites] == ["NewPerson"]
    assert [i["login"] for i in olga.get("/orgs/acme/teams/t/invitations").json()] == ["NewPerson"]

    def members() -> list[str]:
        return [m["login"] for m in olga.get("/orgs/acme/teams/t/members").json()]

    assert members() == ["olga"]  # the creator, as GitHub adds them
    assert olga.delete(f"/orgs/acme/invitations/{invites[0]['id']}").status_code == 204
    assert olga.get("/orgs/acme/teams/t/invitations").json() == []
    olga.put("/orgs/acme/teams/t/memberships/NewPerson", json={"role": "member"})
    person = client(sb, sb.issue_token("newperson"))
    accepted = person.patch("/user/memberships/orgs/acme", json={"state": "active"})
    assert accepted.json()["state"] == "active"
    assert sorted(members()) == ["NewPerson", "olga"]


def test_invitations_expire_after_seven_days(sb: Sandbox, olga: httpx.Client) -> None:
    sb.add_user("late")
    olga.post("/orgs/acme/teams", json={"name": "t"})
    olga.put("/orgs/acme/teams/t/memberships/late", json={"role": "member"})
    sent = olga.get("/orgs/acme/invitations").json()[0]
    assert olga.get("/orgs/acme/failed_invitations").json() == []
    sb.clock.sleep(7 * 86400)
    assert olga.get("/orgs/acme/invitations").json() == []
    assert olga.get("/orgs/acme/teams/t/memberships/late").status_code == 404
    assert sb.accept_invitations("late") == []
    failed = olga.get("/orgs/acme/failed_invitations").json()
    expires = dt.datetime.fromisoformat(sent["created_at"]) + dt.timedelta(days=7)
    assert [(f["id"], f["login"], f["failed_reason"]) for f in failed] == [
        (sent["id"], "late", "Invitation expired")
    ]
    assert dt.datetime.fromisoformat(failed[0]["failed_at"]) == expires
    assert failed[0]["created_at"] == sent["created_at"]


def test_a_failed_invitation_stays_listed_after_a_new_one_is_sent(
    sb: Sandbox, olga: httpx.Client
) -> None:
    sb.add_user("late")
    invitee = {"invitee_id": sb.state.users["late"].id}
    first = olga.post("/orgs/acme/invitations", json=invitee).json()
    sb.clock.sleep(8 * 86400)
    second = olga.post("/orgs/acme/invitations", json=invitee).json()
    assert [i["id"] for i in olga.get("/orgs/acme/invitations").json()] == [second["id"]]
    failed = olga.get("/orgs/acme/failed_invitations", params={"per_page": 1}).json()
    assert [i["id"] for i in failed] == [first["id"]]
    assert olga.get("/orgs/acme/failed_invitations", params={"page": 2}).json() == []


@pytest.mark.parametrize(
    ("plan", "established", "allowed"),
    [("free", False, 50), ("team", False, 500), ("free", True, 500)],
)
def test_invitation_limit_per_24_hours(
    sb: Sandbox, plan: str, established: bool, allowed: int
) -> None:
    sb.add_org("org2", owners=["olga"], plan=plan, established=established)
    olga = client(sb, sb.issue_token("olga"))
    for n in range(allowed):
        sb.add_user(f"p{n}")
        ok = olga.post("/orgs/org2/invitations", json={"invitee_id": sb.state.users[f"p{n}"].id})
        assert ok.status_code == 201
    sb.add_user("one-more")
    over = olga.post("/orgs/org2/invitations", json={"invitee_id": sb.state.users["one-more"].id})
    assert over.status_code == 422
    assert over.json()["errors"][0]["message"] == "Over invitation rate limit"
    sb.clock.sleep(86400)
    again = olga.post("/orgs/org2/invitations", json={"invitee_id": sb.state.users["one-more"].id})
    assert again.status_code == 201


def test_assigning_someone_without_access_is_refused(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    sb.add_user("pending-mentee")
    olga.put(f"{proj}/collaborators/pending-mentee", json={"permission": "push"})
    made = olga.post(f"{proj}/issues", json={"title": "t", "assignees": ["pending-mentee"]})
    assert made.status_code == 422
    assert made.json()["errors"] == [
        {"value": "pending-mentee", "resource": "Issue", "field": "assignees", "code": "invalid"}
    ]
    sb.accept_invitations("pending-mentee")
    made = olga.post(f"{proj}/issues", json={"title": "t", "assignees": ["PENDING-MENTEE"]})
    assert [a["login"] for a in made.json()["assignees"]] == ["pending-mentee"]


def test_logins_are_case_insensitive_with_canonical_spelling(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    sb.add_user("JaneDoe42")
    olga.post("/orgs/acme/teams", json={"name": "t"})
    olga.put("/orgs/acme/teams/t/memberships/MAX", json={"role": "maintainer"})
    assert olga.get("/orgs/acme/teams/t/memberships/max").json()["role"] == "maintainer"
    assert olga.get("/users/janedoe42").json()["login"] == "JaneDoe42"
    olga.put(f"{proj}/collaborators/JANEDOE42", json={"permission": "push"})
    invited = olga.get(f"{proj}/invitations").json()
    assert [i["invitee"]["login"] for i in invited] == ["JaneDoe42"]
    assert olga.get("/orgs/acme/memberships/OLGA").json()["user"]["login"] == "olga"


# -- Pages --


def test_pages_lifecycle_with_the_workflow_build_type(olga: httpx.Client, proj: str) -> None:
    assert olga.get(f"{proj}/pages").status_code == 404
    made = olga.post(f"{proj}/pages", json={"build_type": "workflow"})
    assert (made.status_code, made.json()["build_type"]) == (201, "workflow")
    assert "source" not in made.json()
    again = olga.post(f"{proj}/pages", json={"build_type": "workflow"})
    assert (again.status_code, again.json()["message"]) == (409, "GitHub Pages is already enabled.")
    switched = olga.put(
        f"{proj}/pages", json={"build_type": "legacy", "source": {"branch": "main", "path": "/"}}
    )
    assert switched.status_code == 204
    assert olga.get(f"{proj}/pages").json()["source"] == {"branch": "main", "path": "/"}
    assert olga.get(proj).json()["has_pages"] is True
    assert olga.delete(f"{proj}/pages").status_code == 204
    assert olga.delete(f"{proj}/pages").status_code == 404


def test_pages_need_the_pages_permission_for_an_app(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    from cohort.sandbox.tokens import mint_installation_token

    sb.register_app(77, "bot", "unused", permissions={"contents": "write"}, org="acme")
    token = mint_installation_token(sb.state, sb.state.apps[77], None, {"contents": "write"}, 0)
    token.expires_at = None
    bot = client(sb, token.token)
    refused = bot.post(f"{proj}/pages", json={"build_type": "workflow"})
    assert (refused.status_code, refused.json()["message"]) == (
        403,
        "Resource not accessible by integration",
    )


# -- GraphQL limits ---------------------------------------------------------------------------


def graphql(olga: httpx.Client, query: str) -> dict[str, Any]:
    answer = olga.post("/graphql", json={"query": query})
    assert answer.status_code == 200
    return dict(answer.json())


def test_graphql_connections_need_first_or_last_up_to_100(olga: httpx.Client, proj: str) -> None:
    missing = graphql(
        olga, '{ repository(owner: "acme", name: "proj") { labels { nodes { name } } } }'
    )
    assert missing == {
        "errors": [
            {
                "type": "MISSING_PAGINATION_BOUNDARIES",
                "message": "You must provide a `first` or `last` value to properly paginate the "
                "`labels` connection.",
            }
        ]
    }
    too_many = graphql(
        olga,
        '{ repository(owner: "acme", name: "proj") { labels(first: 101) { nodes { name } } } }',
    )
    assert too_many["errors"][0]["message"] == (
        "Requesting 101 records on the `labels` connection exceeds the `first` limit of 100 "
        "records."
    )
    counted = graphql(olga, '{ repository(owner: "acme", name: "proj") { labels { totalCount } } }')
    assert counted["data"]["repository"]["labels"]["totalCount"] == 9


def test_graphql_node_limit_is_computed_as_github_documents(olga: httpx.Client) -> None:
    # 100 teams x 100 repositories x 100 labels = 1,000,000 (+ 100 + 10,000) > 500,000
    query = """{ organization(login: "acme") { teams(first: 100) { nodes {
      repositories(first: 100) { nodes { labels(first: 100) { nodes { name } } } } } } } }"""
    refused = graphql(olga, query)
    assert refused["errors"] == [
        {
            "type": "MAX_NODE_LIMIT_EXCEEDED",
            "message": "By the time this query traverses to the labels connection, it is "
            "requesting up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.",
        }
    ]
    within = query.replace("labels(first: 100)", "labels(first: 40)")  # 410,100 nodes
    assert graphql(olga, within) == {"data": {"organization": {"teams": {"nodes": []}}}}


def test_graphql_user_login_is_case_insensitive(sb: Sandbox, olga: httpx.Client) -> None:
    sb.add_user("JaneDoe42")
    found = graphql(olga, '{ user(login: "janedoe42") { login } }')
    assert found["data"]["user"]["login"] == "JaneDoe42"


@pytest.mark.parametrize(("workflows", "status"), [(None, 404), ("write", 201)])
def test_an_app_writes_workflows_only_with_the_workflows_permission(
    sb: Sandbox, proj: str, workflows: str | None, status: int
) -> None:
    from cohort.sandbox.tokens import mint_installation_token

    granted = {"contents": "write"} | ({"workflows": workflows} if workflows else {})
    sb.register_app(78, "ci-bot", "unused", permissions=granted, org="acme")
    token = mint_installation_token(sb.state, sb.state.apps[78], None, granted, sb.clock.wall())
    bot = client(sb, token.token)
    body = {"message": "ci", "content": b64("on: push\n")}
    assert bot.put(f"{proj}/contents/.github/workflows/ci.yml", json=body).status_code == status


def test_repository_invitations_expire_after_seven_days(
    sb: Sandbox, olga: httpx.Client, proj: str
) -> None:
    assert olga.put(f"{proj}/collaborators/otto", json={"permission": "push"}).status_code == 201
    sb.clock.sleep(7 * 86400)
    assert olga.get(f"{proj}/invitations").json() == []
    assert sb.accept_invitations("otto") == []
    assert "otto" not in sb.state.repos["acme/proj"].collaborators


def test_graphql_refuses_a_private_repository_without_the_repo_scope(
    sb: Sandbox, olga: httpx.Client
) -> None:
    olga.post("/orgs/acme/repos", json={"name": "secret", "private": True, "auto_init": True})
    limited = client(sb, sb.issue_token("olga", scopes=["read:org"]))
    answer = graphql(limited, '{ repository(owner: "acme", name: "secret") { name } }')
    assert answer["errors"][0]["type"] == "INSUFFICIENT_SCOPES"
    assert answer["errors"][0]["message"].startswith(
        "Your token has not been granted the required scopes to execute this query. "
        "The 'repository' field requires one of the following scopes: ['repo']"
    )
    assert graphql(olga, '{ repository(owner: "acme", name: "secret") { name } }')["data"] == {
        "repository": {"name": "secret"}
    }
