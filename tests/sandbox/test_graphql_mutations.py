"""The remaining GraphQL mutations, and installation tokens in GraphQL."""

from __future__ import annotations

import base64
from typing import Any

import httpx
from githubkit import GitHub

from cohort.sandbox import Sandbox, SandboxTransport
from cohort.sandbox.tokens import mint_installation_token


def _node_ids(gh: GitHub[Any], repo: str) -> dict[str, Any]:
    q = """query($n: String!) { repository(owner: "acme", name: $n) { id
      labels(first: 10) { nodes { id name } }
      branchProtectionRules(first: 5) { nodes { id } }
      issues(first: 5) { nodes { id comments(first: 5) { nodes { id } } } }
      pullRequests(first: 5) { nodes { id } } } }"""
    repository: dict[str, Any] = gh.graphql(q, {"n": repo})["repository"]
    return repository


def test_update_label_rule_comment_and_add_labels(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    gh.rest.issues.create_label("acme", repo, name="a", color="ededed")
    gh.rest.issues.create("acme", repo, title="t")
    gh.rest.issues.create_comment("acme", repo, 1, body="c")
    gh.rest.repos.update_branch_protection(
        "acme",
        repo,
        "main",
        required_status_checks=None,
        enforce_admins=None,
        required_pull_request_reviews=None,
        restrictions=None,
    )
    ids = _node_ids(gh, repo)
    issue = ids["issues"]["nodes"][0]
    gh.graphql(
        """mutation($l: ID!, $r: ID!, $c: ID!, $i: ID!) {
      updateLabel(input: {id: $l, name: "b", color: "111111"}) { label { name } }
      updateBranchProtectionRule(input: {branchProtectionRuleId: $r,
        requiresApprovingReviews: true, requiredApprovingReviewCount: 2}) {
        branchProtectionRule { requiredApprovingReviewCount } }
      updateIssueComment(input: {id: $c, body: "edited"}) { issueComment { body } }
      addLabelsToLabelable(input: {labelableId: $i, labelIds: [$l]}) {
        labelable { ... on Issue { number } } } }""",
        {
            "l": ids["labels"]["nodes"][0]["id"],
            "r": ids["branchProtectionRules"]["nodes"][0]["id"],
            "c": issue["comments"]["nodes"][0]["id"],
            "i": issue["id"],
        },
    )
    state = sb.state.repos["acme/proj"]
    assert [(x.name, x.color) for x in state.labels] == [("b", "111111")]
    assert state.rules[0].required_approving_review_count == 2
    assert state.issues[1].comments[0].body == "edited"
    assert state.issues[1].label_ids == [state.labels[0].id]


def test_request_reviews_counts_content(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    head = gh.rest.git.get_ref("acme", repo, "heads/main").parsed_data.object_.sha
    gh.rest.git.create_ref("acme", repo, ref="refs/heads/f", sha=head)
    gh.rest.repos.create_or_update_file_contents(
        "acme", repo, "x", message="x", branch="f", content=base64.b64encode(b"x").decode()
    )
    gh.rest.pulls.create("acme", repo, title="PR", head="f", base="main")
    pr = _node_ids(gh, repo)["pullRequests"]["nodes"][0]["id"]
    mia = gh.graphql('{ user(login: "mia") { id } }')["user"]["id"]
    sb.reset_log()
    gh.graphql(
        """mutation($p: ID!, $u: [ID!]) { requestReviews(input: {pullRequestId: $p,
      userIds: $u}) { pullRequest { reviewRequests(first: 5) {
        nodes { requestedReviewer { ... on User { login } } } } } } }""",
        {"p": pr, "u": [mia]},
    )
    assert sb.state.repos["acme/proj"].issues[1].pull is not None
    assert sb.state.repos["acme/proj"].issues[1].pull.requested_users == ["mia"]
    assert sb.counters() == {
        "requests": 1,
        "reads": 0,
        "writes": 1,
        "mutations": 1,
        "content_created": 1,
    }


def test_installation_token_is_narrowed_in_graphql(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    gh.rest.repos.create_in_org("acme", name="other")
    app_id = sb.state.next_id()
    sb.register_app(app_id, "bot", "unused", permissions={"issues": "read"}, org="acme")
    token = mint_installation_token(
        sb.state, sb.state.apps[app_id], ["proj"], {"issues": "read"}, sb.clock.wall()
    )
    client = httpx.Client(
        transport=SandboxTransport(sb),
        base_url="https://api.github.com",
        headers={"Authorization": f"token {token.token}"},
    )
    q = (
        '{ a: repository(owner: "acme", name: "proj") { id } b: repository(owner: "acme", '
        'name: "other") { id } }'
    )
    body = client.post("/graphql", json={"query": q}).json()
    assert body["data"]["a"] is not None
    assert body["data"]["b"] is None
    rid = body["data"]["a"]["id"]
    denied = client.post(
        "/graphql",
        json={
            "query": f"mutation {{ createLabel(input: "
            f'{{repositoryId: "{rid}", name: "x", color: "fff000"}})'
            " { label { id } } }"
        },
    ).json()
    assert denied["errors"][0]["type"] == "FORBIDDEN"
    assert sb.state.repos["acme/proj"].labels == []
