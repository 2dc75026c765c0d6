"""GraphQL: validation against GitHub's schema, batched reads, mutations over shared state."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from githubkit import GitHub
from githubkit.exception import GraphQLFailed

from cohort.sandbox import Sandbox
from cohort.sandbox.git import blob_sha

REPO_READ = """
query($owner: String!, $name: String!) { viewer { login } rateLimit { cost remaining resetAt limit }
repository(owner: $owner, name: $name) { id databaseId name nameWithOwner visibility description
 isArchived isPrivate url
 defaultBranchRef { name target { oid ... on Commit { history(first: 5) { totalCount
   nodes { oid committedDate author { user { login } } } } } } }
 repositoryTopics(first: 20) { nodes { topic { name } } }
 object(expression: "HEAD:docs/a.md") { ... on Blob { oid byteSize } }
 labels(first: 100) { nodes { id name color description } }
 milestones(first: 20, states: [OPEN, CLOSED]) { nodes { id number title description dueOn
   state progressPercentage issues(states: [OPEN]) { totalCount } } }
 issues(first: 100, orderBy: {field: CREATED_AT, direction: ASC}, states: [OPEN, CLOSED]) {
   totalCount nodes { id number title body state createdAt closedAt author { login }
   milestone { number } labels(first: 20) { nodes { id name } }
   comments(first: 20) { totalCount } } }
 pullRequests(first: 50, orderBy: {field: UPDATED_AT, direction: DESC}) { nodes { number title
   isDraft state createdAt mergedAt author { login }
   reviewRequests(first: 10) { nodes { requestedReviewer { ... on User { login } } } }
   reviews(first: 20) { nodes { state submittedAt author { login } } } additions deletions } }
 branchProtectionRules(first: 10) { nodes { id pattern requiresApprovingReviews
   requiredApprovingReviewCount requiresCodeOwnerReviews } }
 collaborators(first: 100, affiliation: DIRECT) { edges { permission node { login } } } } }
"""

WRITE = """
mutation($rid: ID!, $head: GitObjectID!, $files: [FileAddition!]) {
 c: createCommitOnBranch(input: {branch: {repositoryNameWithOwner: "acme/proj", branchName: "main"},
   message: {headline: "scaffold", body: "files"}, expectedHeadOid: $head,
   fileChanges: {additions: $files}}) { commit { oid } }
 l: createLabel(input: {repositoryId: $rid, name: "week-1", color: "0e8a16", description: "w"}) {
   label { id name } }
 p: createBranchProtectionRule(input: {repositoryId: $rid, pattern: "main",
   requiresApprovingReviews: true, requiredApprovingReviewCount: 1,
   requiresCodeOwnerReviews: true}) { branchProtectionRule { id } }
}
"""


def _ids(gh: GitHub[Any], repo: str) -> tuple[str, str]:
    data = gh.graphql(REPO_READ, {"owner": "acme", "name": repo})
    return data["repository"]["id"], data["repository"]["defaultBranchRef"]["target"]["oid"]


def test_batched_mutations_update_the_git_store_and_state(
    gh: GitHub[Any], sb: Sandbox, repo: str
) -> None:
    rid, head = _ids(gh, repo)
    files = [{"path": "docs/a.md", "contents": base64.b64encode(b"A\n").decode()}]
    out = gh.graphql(WRITE, {"rid": rid, "head": head, "files": files})
    assert sb.files("acme/proj")["docs/a.md"] == b"A\n"
    rest_head = gh.rest.git.get_ref("acme", repo, "heads/main").parsed_data.object_.sha
    assert out["c"]["commit"]["oid"] == rest_head
    after = gh.graphql(REPO_READ, {"owner": "acme", "name": repo})["repository"]
    assert after["object"] == {"oid": blob_sha(b"A\n"), "byteSize": 2}
    assert [x["name"] for x in after["labels"]["nodes"]] == ["week-1"]
    assert after["branchProtectionRules"]["nodes"][0]["requiresCodeOwnerReviews"]
    # three GraphQL mutations + the repo POST + deleting GitHub's nine default labels
    assert sb.counters()["mutations"] == 3 + 1 + 9


def test_stale_expected_head_is_refused(gh: GitHub[Any], repo: str) -> None:
    rid, _ = _ids(gh, repo)
    with pytest.raises(GraphQLFailed) as err:
        gh.graphql(WRITE, {"rid": rid, "head": "0" * 40, "files": []})
    errors = err.value.response.errors
    assert errors is not None
    assert "Expected branch to point to" in errors[0].message


def test_issue_mutations_and_team_repository(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    rid, _ = _ids(gh, repo)
    gh.rest.issues.create_milestone("acme", repo, title="M")
    team = gh.rest.teams.create("acme", name="T").parsed_data
    q = """query { repository(owner: "acme", name: "proj") { milestones(first: 5) {
      nodes { id } } } organization(login: "acme") { team(slug: "t") { id } } }"""
    ids = gh.graphql(q)
    ms = ids["repository"]["milestones"]["nodes"][0]["id"]
    label = gh.graphql(
        """mutation($r: ID!) { createLabel(input: {repositoryId: $r, name: "x",
      color: "ededed"}) { label { id } } }""",
        {"r": rid},
    )["createLabel"]["label"]["id"]
    made = gh.graphql(
        """mutation($r: ID!, $l: [ID!], $m: ID) {
      a: createIssue(input: {repositoryId: $r, title: "A", body: "b", labelIds: $l,
        milestoneId: $m}) { issue { id number } }
      b: createIssue(input: {repositoryId: $r, title: "B"}) { issue { id number } } }""",
        {"r": rid, "l": [label], "m": ms},
    )
    issue_id = made["a"]["issue"]["id"]
    gh.graphql(
        """mutation($i: ID!, $t: [ID!]!, $r: ID!) {
      addComment(input: {subjectId: $i, body: "hello"}) { commentEdge { node { id } } }
      updateIssue(input: {id: $i, title: "A2"}) { issue { id } }
      closeIssue(input: {issueId: $i}) { issue { id } }
      updateTeamsRepository(input: {repositoryId: $r, teamIds: $t, permission: WRITE}) {
        teams { slug } } }""",
        {"i": issue_id, "t": [ids["organization"]["team"]["id"]], "r": rid},
    )
    issue = sb.state.repos["acme/proj"].issues[1]
    assert (issue.title, issue.state, len(issue.comments)) == ("A2", "closed", 1)
    assert issue.milestone == 1
    assert len(issue.label_ids) == 1
    found = sb.state.team("acme", "t")
    assert found is not None
    assert found.repos["acme/proj"] == "push"
    assert team.slug == "t"
    assert sb.counters()["content_created"] == 3


def test_missing_repository_alias_is_null_with_not_found(http: httpx.Client, repo: str) -> None:
    q = """{ r0: repository(owner: "acme", name: "proj") { name }
             r1: repository(owner: "acme", name: "gone") { name } }"""
    body = http.post("/graphql", json={"query": q}).json()
    assert body["data"] == {"r0": {"name": "proj"}, "r1": None}
    error = body["errors"][0]
    assert (error["type"], error["path"]) == ("NOT_FOUND", ["r1"])
    assert error["message"] == "Could not resolve to a Repository with the name 'acme/gone'."


def test_invalid_document_is_refused_like_github(http: httpx.Client, sb: Sandbox) -> None:
    answer = http.post("/graphql", json={"query": '{ repository(owner: "a", name: "b") { x } }'})
    assert answer.status_code == 200
    error = answer.json()["errors"][0]
    assert error["message"] == "Field 'x' doesn't exist on type 'Repository'"
    assert error["locations"]
    assert len(sb.contract_errors) == 1
    sb.contract_errors.clear()


def test_org_teams_members_and_pagination(gh: GitHub[Any], repo: str) -> None:
    for n in range(3):
        gh.rest.teams.create("acme", name=f"T{n}", maintainers=["mia"], privacy="closed")
    gh.rest.teams.add_or_update_membership_for_user_in_org("acme", "t0", "otto")
    q = """query($after: String) { organization(login: "acme") { id login
      teams(first: 2, after: $after) { nodes { slug privacy
        members(first: 100) { edges { role node { login } } pageInfo { hasNextPage endCursor } }
        invitations(first: 100) { nodes { invitee { login } } }
        repositories(first: 100) { edges { permission node { name } } } }
      pageInfo { hasNextPage endCursor } } } }"""
    first = gh.graphql(q)["organization"]["teams"]
    assert [t["slug"] for t in first["nodes"]] == ["t0", "t1"]
    assert first["pageInfo"]["hasNextPage"]
    assert first["nodes"][0]["invitations"]["nodes"] == [{"invitee": {"login": "otto"}}]
    assert {"role": "MAINTAINER", "node": {"login": "mia"}} in first["nodes"][0]["members"]["edges"]
    rest = gh.graphql(q, {"after": first["pageInfo"]["endCursor"]})["organization"]["teams"]
    assert [t["slug"] for t in rest["nodes"]] == ["t2"]
    assert not rest["pageInfo"]["hasNextPage"]
