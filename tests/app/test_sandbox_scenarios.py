"""The rehearsal's label scenarios, end to end: signed deliveries over loopback HTTP to the
App's webhook server, which acts on the sandbox.

Deliveries are built from the sandbox's own state at the moment GitHub would send them and
handled later, out of order, as a backlog would: re-request after changes, the approval race,
a help request answered, CODEOWNERS asking every mentor, a merged PR.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from cohort.app.running import background
from cohort.app.server import make_app
from cohort.app.store import SQLiteStore
from cohort.github.client import Client
from tests.app.e2e import NO_PACING, ORG, World, headers, make_world, processor, settings, wait_done

DELTA = f"{ORG}/2027-spring-delta"
REVIEW_GROUP = {"needs-mentor-review", "mentor-approved", "changes-requested"}


Deliver = Callable[[str, bytes], None]
COUNTER = itertools.count(1)


@pytest.fixture(scope="module")
def world() -> World:
    return make_world()


@pytest.fixture(scope="module")
def deliver(world: World) -> Iterator[Deliver]:
    """POST a signed delivery to the served App and wait until it is handled."""
    store = SQLiteStore()
    app = make_app(settings(processor(world, store).handle, store))
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(background(app))
        http = stack.enter_context(httpx.Client(base_url=url, timeout=10))

        def send(name: str, body: bytes) -> None:
            delivery = f"scenario-{next(COUNTER)}"
            answer = http.post("/webhook", content=body, headers=headers(body, delivery, name))
            assert answer.status_code == 202
            assert wait_done(store, delivery) == "done"

        yield send
    store.close()


def as_user(world: World, login: str) -> Client:
    world.org.box.accept_invitations(login)
    token = world.org.box.issue_token(login)
    return Client(token, transport=world.transport, clock=world.org.clock, pacing=NO_PACING)


def delivery(world: World, name: str, action: str, sender: str, **parts: Any) -> bytes:
    """A webhook body as GitHub would send it now (handled later, perhaps)."""
    body = {
        "action": action,
        "repository": world.client.rest("GET", f"/repos/{DELTA}"),
        "sender": {"login": sender, "type": "User"},
        "installation": {"id": world.installation},
        **parts,
    }
    return json.dumps(body).encode()


def pull_delivery(world: World, action: str, num: int, sender: str) -> bytes:
    pr = world.client.rest("GET", f"/repos/{DELTA}/pulls/{num}")
    return delivery(world, "pull_request", action, sender, number=num, pull_request=pr)


def review(world: World, mentor: str, num: int, event: str) -> bytes:
    """The mentor reviews; returns the pull_request_review delivery."""
    made = as_user(world, mentor).rest(
        "POST", f"/repos/{DELTA}/pulls/{num}/reviews", {"event": event, "body": "see inline"}
    )
    pr = world.client.rest("GET", f"/repos/{DELTA}/pulls/{num}")
    return delivery(world, "pull_request_review", "submitted", mentor, review=made, pull_request=pr)


def review_labels(world: World, num: int) -> set[str]:
    return world.labels(DELTA, num) & REVIEW_GROUP


def test_re_request_after_changes_brings_needs_mentor_review_back(
    world: World, deliver: Deliver
) -> None:
    pr = world.open_pull(DELTA, "rework", {"docs/plan.md": b"v1\n"})
    num = pr["number"]
    deliver("pull_request", pull_delivery(world, "opened", num, "ada-organizes"))
    [mentor] = world.requested(DELTA, num)
    deliver("pull_request_review", review(world, mentor, num, "REQUEST_CHANGES"))
    assert review_labels(world, num) == {"changes-requested"}
    world.put_file(DELTA, "docs/more.md", b"v2\n", branch="rework")  # the author pushes
    pushed = pull_delivery(world, "synchronize", num, "ada-organizes")
    world.client.rest(
        "POST", f"/repos/{DELTA}/pulls/{num}/requested_reviewers", {"reviewers": [mentor]}
    )
    re_requested = pull_delivery(world, "review_requested", num, "ada-organizes")
    deliver("pull_request", re_requested)  # the later delivery first
    deliver("pull_request", pushed)
    assert review_labels(world, num) == {"needs-mentor-review"}
    assert world.requested(DELTA, num) == [mentor]


def test_an_approval_before_opened_is_handled_ends_approved(world: World, deliver: Deliver) -> None:
    pr = world.open_pull(DELTA, "quick-fix", {"docs/typo.md": b"fixed\n"})
    num = pr["number"]
    world.client.rest(  # CODEOWNERS asks every mentor
        "POST",
        f"/repos/{DELTA}/pulls/{num}/requested_reviewers",
        {"reviewers": ["dfischer", "alicia-dev"]},
    )
    opened = pull_delivery(world, "opened", num, "ada-organizes")
    approved = review(world, "dfischer", num, "APPROVE")
    deliver("pull_request_review", approved)
    deliver("pull_request", opened)  # stale: it still says both mentors are asked
    assert review_labels(world, num) == {"mentor-approved"}
    assert world.requested(DELTA, num) == []  # the co-mentor's idle ask is withdrawn


def test_codeowners_asking_every_mentor_is_narrowed_to_one(world: World, deliver: Deliver) -> None:
    pr = world.open_pull(DELTA, "narrow", {"docs/n.md": b"n\n"})
    num = pr["number"]
    world.client.rest(
        "POST",
        f"/repos/{DELTA}/pulls/{num}/requested_reviewers",
        {"reviewers": ["dfischer", "alicia-dev"]},
    )
    deliver("pull_request", pull_delivery(world, "opened", num, "ada-organizes"))
    assert len(world.requested(DELTA, num)) == 1
    assert review_labels(world, num) == {"needs-mentor-review"}


def test_a_help_request_answered_by_a_mentor_loses_its_label(
    world: World, deliver: Deliver
) -> None:
    issue = world.client.rest("POST", f"/repos/{DELTA}/issues", {"title": "Stuck on auth"})
    num = issue["number"]
    asked = world.client.rest(  # (a mentee's invitation has expired by the design week)
        "POST", f"/repos/{DELTA}/issues/{num}/comments", {"body": "CORS fails.\n/mentor"}
    )

    def comment_delivery(comment: dict[str, Any], sender: str) -> bytes:
        fresh = world.client.rest("GET", f"/repos/{DELTA}/issues/{num}")
        return delivery(world, "issue_comment", "created", sender, issue=fresh, comment=comment)

    command = comment_delivery(asked, "ada-organizes")
    deliver("issue_comment", command)
    deliver("issue_comment", command)  # redelivered under a new id: still one reply
    replies = [
        c
        for c in world.client.rest("GET", f"/repos/{DELTA}/issues/{num}/comments")
        if "asked for a mentor's help" in c["body"]
    ]
    assert len(replies) == 1
    assert "help-wanted-from-mentor" in world.labels(DELTA, num)
    answer = as_user(world, "alicia-dev").rest(
        "POST", f"/repos/{DELTA}/issues/{num}/comments", {"body": "Set the proxy origin."}
    )
    deliver("issue_comment", comment_delivery(answer, "alicia-dev"))
    assert "help-wanted-from-mentor" not in world.labels(DELTA, num)


def test_a_merged_pull_request_loses_waiting_and_help_labels(
    world: World, deliver: Deliver
) -> None:
    pr = world.open_pull(DELTA, "merge-me", {"docs/m.md": b"m\n"})
    num = pr["number"]
    deliver("pull_request", pull_delivery(world, "opened", num, "ada-organizes"))
    world.client.rest(
        "POST", f"/repos/{DELTA}/issues/{num}/labels", {"labels": ["help-wanted-from-mentor"]}
    )
    world.client.rest("PUT", f"/repos/{DELTA}/pulls/{num}/merge", {"merge_method": "squash"})
    deliver("pull_request", pull_delivery(world, "closed", num, "ada-organizes"))
    assert world.labels(DELTA, num) & (REVIEW_GROUP | {"help-wanted-from-mentor"}) == set()
