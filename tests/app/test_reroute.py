"""Re-routing reviews nobody gave: working days, what resets the wait, and who is asked."""

from __future__ import annotations

import datetime as dt

import pytest

from cohort.app.pull_state import PullState, ReviewRecord
from cohort.app.reactions import Comment, RemoveReviewers, RequestReview
from cohort.app.reroute import PostedComment, Waiting, reroute, waiting_since, working_days
from cohort.app.sweep import sweep
from tests.app.e2e import ORG, World, make_world, processor
from tests.app.payloads import COHORT

DELTA_TEAM = next(t for t in COHORT.teams if t.slug == "delta")
ZONE = COHORT.calendar.timezone
MONDAY = dt.datetime(2027, 2, 8, 9, tzinfo=dt.UTC)


def at(days: float) -> dt.datetime:
    return MONDAY + dt.timedelta(days=days)


def waiting(
    requested: tuple[str, ...] = ("dfischer",),
    *,
    pushed: float | None = None,
    reviews: tuple[ReviewRecord, ...] = (),
    comments: tuple[PostedComment, ...] = (),
) -> Waiting:
    state = PullState(
        number=4,
        open=True,
        draft=False,
        author="omar-h",
        author_is_bot=False,
        head_sha="h2",
        labels=frozenset({"needs-mentor-review"}),
        requested_users=frozenset(requested),
        requested_teams=frozenset(),
        reviews=reviews,
    )
    return Waiting(
        f"{ORG}/2027-spring-delta", state, at(0), at(pushed) if pushed else None, comments
    )


def test_working_days_skip_the_weekend() -> None:
    friday_noon = dt.datetime(2027, 2, 12, 12, tzinfo=dt.UTC)
    tuesday_noon = friday_noon + dt.timedelta(days=4)
    assert working_days(friday_noon, tuesday_noon, "UTC") == pytest.approx(2.0)
    assert working_days(at(0), at(3), "UTC") == pytest.approx(3.0)


def test_a_push_a_review_or_a_re_route_resets_the_wait() -> None:
    assert waiting_since(waiting(), ["dfischer"]) == at(0)
    assert waiting_since(waiting(pushed=1.5), ["dfischer"]) == at(1.5)
    old = ReviewRecord("dfischer", "CHANGES_REQUESTED", "h1", "2027-02-10T09:00:00Z")
    assert waiting_since(waiting(reviews=(old,)), ["dfischer"]) == at(2)
    moved = PostedComment("<!-- cohort:mentor-reroute 4/dfischer -->\n@dfischer: …", at(2.5))
    other = PostedComment("<!-- cohort:mentor-reroute 5/dfischer -->", at(3.5))
    assert waiting_since(waiting(comments=(moved, other)), ["dfischer"]) == at(2.5)


def test_under_the_threshold_nothing_moves() -> None:
    assert reroute(COHORT, DELTA_TEAM, waiting(), at(2.9), {}) == []


def test_past_the_threshold_the_other_mentor_is_asked() -> None:
    changes = reroute(COHORT, DELTA_TEAM, waiting(), at(3.1), {})
    assert changes[:2] == [
        RequestReview(f"{ORG}/2027-spring-delta", 4, ("alicia-dev",)),
        RemoveReviewers(f"{ORG}/2027-spring-delta", 4, ("dfischer",)),
    ]
    [note] = [c for c in changes if isinstance(c, Comment)]
    assert "@alicia-dev: this pull request has waited 3.1 working days" in note.body


def test_when_nobody_else_can_be_asked_organizers_hear_once() -> None:
    away = COHORT.model_copy(
        update={
            "mentors": [
                m.model_copy(update={"away": m.handle == "alicia-dev"}) for m in COHORT.mentors
            ]
        }
    )
    [first] = reroute(away, DELTA_TEAM, waiting(), at(4), {})
    assert isinstance(first, Comment)
    assert first.body.split("\n")[1].startswith("@ada-organizes @grace-runs-it:")
    told = waiting(comments=(PostedComment(first.body, at(4)),))
    assert reroute(away, DELTA_TEAM, told, at(5), {}) == []


def test_approved_or_unrequested_prs_are_left_alone() -> None:
    approved = ReviewRecord("alicia-dev", "APPROVED", "h2", "2027-02-08T10:00:00Z")
    assert reroute(COHORT, DELTA_TEAM, waiting(reviews=(approved,)), at(9), {}) == []
    assert reroute(COHORT, DELTA_TEAM, waiting(requested=()), at(9), {}) == []


def test_sandbox_a_pr_left_unreviewed_is_re_routed_once() -> None:
    world: World = make_world()
    repo = f"{ORG}/2027-spring-delta"
    pr = world.open_pull(repo, "slow-review", {"docs/slow.md": b"s\n"})
    app = processor(world)
    app.handle("pull_request", "slow-1", world.payload("opened", repo, pr))
    [first] = world.requested(repo, pr["number"])
    now = dt.datetime.fromtimestamp(world.org.clock.wall(), dt.UTC)
    assert sweep(world.client, COHORT, now, write=True).changes == ()
    world.org.clock.advance(6 * 86400.0)  # Wednesday to Tuesday: 4 working days
    later = dt.datetime.fromtimestamp(world.org.clock.wall(), dt.UTC)
    result = sweep(world.client, COHORT, later, write=True)
    [second] = world.requested(repo, pr["number"])
    assert {first, second} == {"dfischer", "alicia-dev"}
    assert result.writes == 3
    again = sweep(world.client, COHORT, later + dt.timedelta(hours=1), write=True)
    assert again.changes == ()  # the re-route comment restarted the clock
    assert world.requested(repo, pr["number"]) == [second]


def test_the_command_is_a_dry_run_unless_confirmed(capsys: pytest.CaptureFixture[str]) -> None:
    from cohort.cli.main import run
    from tests.conftest import EXAMPLE

    assert run(["reroute", str(EXAMPLE), "--sandbox"]) == 0
    assert capsys.readouterr().out == (
        "0 waiting PR(s) examined, 0 change(s); dry run: add --confirm to make them\n"
    )
