"""The plan comment's hidden markers: composed, found by trusted author, read back."""

from __future__ import annotations

import pytest

from cohort.workflow.plan_comment import (
    DEFAULT_AUTHOR,
    compose,
    find_plan_comment,
    parse_reviewed,
)

DIGEST = "ab" * 32
MARKDOWN = f"### cohort plan\n\n**Plan: 1 to remove.**\n\n<!-- cohort:plan digest={DIGEST} -->\n"


def test_compose_then_parse_round_trips_digest_keys_and_head() -> None:
    keys = ["team-member:remove::acme-t/x", "repo:archive:r:r"]
    body = compose(MARKDOWN, keys, "c" * 40)
    reviewed = parse_reviewed(body)
    assert reviewed is not None
    assert (reviewed.digest, list(reviewed.destructive), reviewed.head_sha) == (
        DIGEST,
        keys,
        "c" * 40,
    )
    assert reviewed.as_json() == {
        "digest": DIGEST,
        "destructive": keys,
        "head": "c" * 40,
        "repository": "",
        "pr": 0,
        "signature": "",
    }


def test_a_key_cannot_close_the_hidden_comment_early() -> None:
    body = compose(MARKDOWN, ["team:remove::a --> <b>"], "")
    assert body.count("-->") == 2
    reviewed = parse_reviewed(body)
    assert reviewed is not None
    assert reviewed.destructive == ("team:remove::a --> <b>",)


def test_markdown_without_a_digest_marker_is_refused() -> None:
    with pytest.raises(ValueError, match="digest marker"):
        compose("### cohort plan\n", [], "")


def test_only_the_trusted_authors_newest_plan_comment_counts() -> None:
    body = compose(MARKDOWN, [], "")
    comments = [
        {"id": 1, "user": {"login": DEFAULT_AUTHOR}, "body": body},
        {"id": 2, "user": {"login": "mallory"}, "body": body},
        {"id": 3, "user": {"login": DEFAULT_AUTHOR}, "body": "thanks!"},
    ]
    found = find_plan_comment(comments)
    assert found is not None
    assert found["id"] == 1
    assert find_plan_comment(comments[1:]) is None


def test_a_comment_without_the_reviewed_marker_reviews_nothing() -> None:
    assert parse_reviewed(MARKDOWN) is None
    assert parse_reviewed(MARKDOWN + "<!-- cohort:plan-reviewed {not json} -->") is None
