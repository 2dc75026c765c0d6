"""A delivery handled again (its claim retaken after the first try posted) doubles nothing."""

from __future__ import annotations

import pytest

from benchmarks.webhooks import comment_body, review_posts
from tests.app.e2e import ORG, SLUG, World, make_world, processor

DELTA = f"{ORG}/2027-spring-delta"


@pytest.fixture(scope="module")
def world() -> World:
    return make_world()


def _bot_comments(world: World, number: int) -> list[str]:
    issue = world.org.box.state.repos[DELTA].issues[number]
    return [c.body for c in issue.comments if c.user == f"{SLUG}[bot]"]


def test_a_mentor_answer_is_posted_once_per_delivery(world: World) -> None:
    pr = world.open_pull(DELTA, "stuck", {"docs/x.md": b"x\n"})
    body = comment_body(world, DELTA, pr)
    app = processor(world)
    first = app.handle("issue_comment", "retaken-1", body)
    again = app.handle("issue_comment", "retaken-1", body)  # the same delivery, retaken
    [answer] = _bot_comments(world, pr["number"])
    assert answer.endswith("<!-- cohort:delivery retaken-1 -->")
    assert (first.writes, again.writes) == (2, 1)  # the second only re-applies the label


def test_a_retaken_pull_request_event_asks_no_second_mentor(world: World) -> None:
    pr = world.open_pull(DELTA, "retaken-pr", {"docs/y.md": b"y\n"})
    body = world.payload("opened", DELTA, pr)
    app = processor(world)
    app.handle("pull_request", "pr-retaken", body)
    asked, before = world.requested(DELTA, pr["number"]), world.org.writes()
    assert asked  # a mentor of the team is asked (by GitHub's code owners or by the App)
    app.handle("pull_request", "pr-retaken", body)
    assert world.requested(DELTA, pr["number"]) == asked
    assert world.org.writes() == before
    assert review_posts(world).get((DELTA, pr["number"]), 0) <= 1


def test_a_delivery_id_that_could_break_out_of_the_marker_is_not_written(world: World) -> None:
    pr = world.open_pull(DELTA, "odd-id", {"docs/z.md": b"z\n"})
    body = comment_body(world, DELTA, pr)
    processor(world).handle("issue_comment", "x --> **hi** <!--", body)
    [answer] = _bot_comments(world, pr["number"])
    assert "cohort:delivery" not in answer
    assert "**hi**" not in answer
