"""Requests are counted as GitHub counts them: reads, writes, mutations, created objects."""

from __future__ import annotations

import json

from cohort.github.classify import RequestKind, classify


def gql(query: str) -> bytes:
    return json.dumps({"query": query}).encode()


def test_get_is_a_read_and_post_is_a_write() -> None:
    assert classify("GET", "/repos/o/r", b"") == RequestKind(False, 0, 0)
    assert classify("POST", "/repos/o/r/labels", b"{}") == RequestKind(True, 1, 0)


def test_rest_issue_and_comment_creation_create_content() -> None:
    assert classify("POST", "/repos/o/r/issues", b"{}").content_created == 1
    assert classify("POST", "/repos/o/r/issues/3/comments", b"{}").content_created == 1
    assert classify("PATCH", "/repos/o/r/issues/3", b"{}").content_created == 0


def test_graphql_query_is_a_read_even_though_it_is_a_post() -> None:
    assert classify("POST", "/graphql", gql("query { viewer { login } }")).write is False


def test_graphql_mutations_are_counted_per_field_and_issues_as_content() -> None:
    doc = gql(
        'mutation { m0: createIssue(input: {title: "a"}) { issue { id } } '
        'm1: createLabel(input: {name: "b"}) { label { id } } '
        'm2: createIssue(input: {title: "c"}) { issue { id } } }'
    )
    assert classify("POST", "/graphql", doc) == RequestKind(True, 3, 2)


def test_membership_and_collaborator_puts_may_invite_so_they_count_as_content() -> None:
    assert classify("PUT", "/orgs/o/teams/t/memberships/u", b"{}").content_created == 1
    assert classify("PUT", "/repos/o/r/collaborators/u", b"{}").content_created == 1
    assert classify("DELETE", "/orgs/o/teams/t/memberships/u", b"").content_created == 0
