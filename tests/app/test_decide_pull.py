"""pull_request decisions: phase, area, size and review labels, and whom to ask."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from cohort.app.decide_pull import decide
from cohort.app.pull_state import pull_state
from cohort.app.reactions import RequestReview, SetLabels
from tests.app.payloads import (
    AURORA,
    CODE_DAY,
    DELTA,
    ctx,
    files,
    pr_event,
    pull,
)

RULES = {"area: frontend": ("src/**/*.{js,css}",), "area: docs": ("docs/**", "*.md")}


def labels_after(changes: Sequence[object]) -> frozenset[str] | None:
    found = [c.after for c in changes if isinstance(c, SetLabels)]
    return found[0] if found else None


def reviewers(changes: Sequence[object]) -> tuple[str, ...]:
    return tuple(r for c in changes if isinstance(c, RequestReview) for r in c.reviewers)


@pytest.mark.parametrize(
    ("case", "event", "context", "labels", "asked"),
    [
        (
            "opened in design week: phase, size, needs review, the mentor asked",
            pr_event("opened", pull()),
            ctx(),
            {"phase: design", "size/XS", "needs-mentor-review"},
            ("alicia-dev",),
        ),
        (
            "the calendar phase follows the day",
            pr_event("opened", pull()),
            ctx(CODE_DAY),
            {"phase: code", "size/XS", "needs-mentor-review"},
            ("alicia-dev",),
        ),
        (
            "a linked milestone wins over the calendar",
            pr_event("opened", pull(milestone="Deployment")),
            ctx(),
            {"phase: deployment", "size/XS", "needs-mentor-review"},
            ("alicia-dev",),
        ),
        (
            "a draft gets labels but waits for nobody",
            pr_event("opened", pull(draft=True)),
            ctx(),
            {"phase: design", "size/XS"},
            (),
        ),
        (
            "ready for review asks the mentor",
            pr_event("ready_for_review", pull()),
            ctx(),
            {"phase: design", "size/XS", "needs-mentor-review"},
            ("alicia-dev",),
        ),
        (
            "a bot's PR is labelled, not reviewed",
            pr_event("opened", pull(author="dependabot[bot]", author_kind="Bot")),
            ctx(),
            {"phase: design", "size/XS"},
            (),
        ),
        (
            "CODEOWNERS already asked the mentor: no second request",
            pr_event("opened", pull(requested=("alicia-dev",))),
            ctx(),
            {"phase: design", "size/XS", "needs-mentor-review"},
            (),
        ),
        (
            "synchronize resizes without asking again",
            pr_event(
                "synchronize",
                pull(
                    labels=("phase: design", "size/XS", "needs-mentor-review"),
                    requested=("alicia-dev",),
                ),
            ),
            ctx(files=files(("src/app.js", 120))),
            {"phase: design", "size/L", "needs-mentor-review", "area: frontend"},
            (),
        ),
        (
            "generated files do not count",
            pr_event("opened", pull()),
            ctx(
                files=files(("package-lock.json", 5000), ("dist/app.min.js", 900), ("README.md", 3))
            ),
            {"phase: design", "size/XS", "needs-mentor-review", "area: docs"},
            ("alicia-dev",),
        ),
        (
            "an approved PR is not asked again on reopen",
            pr_event("reopened", pull(labels=("phase: design", "size/XS", "mentor-approved"))),
            ctx(
                pull=pull_state(
                    pull(labels=("phase: design", "size/XS", "mentor-approved")),
                    [{"user": {"login": "alicia-dev"}, "state": "APPROVED"}],
                )
            ),
            None,
            (),
        ),
        (
            "human labels are kept",
            pr_event("edited", pull(labels=("good first issue",), requested=("alicia-dev",))),
            ctx(),
            {"good first issue", "phase: design", "size/XS", "needs-mentor-review"},
            (),
        ),
    ],
)
def test_pull_request_decision(
    case: str, event: object, context: object, labels: set[str] | None, asked: tuple[str, ...]
) -> None:
    from cohort.app.context import Context
    from cohort.app.events import Event

    assert isinstance(event, Event)
    assert isinstance(context, Context)
    if context.files is not None:
        context = replace(context, area_rules=RULES)
    changes = decide(event, context)
    assert labels_after(changes) == (frozenset(labels) if labels is not None else None), case
    assert reviewers(changes) == asked, case


def test_review_goes_to_the_least_loaded_mentor_who_is_not_away() -> None:
    event = pr_event("opened", pull(author="omar-h"), full=DELTA)
    assert reviewers(decide(event, ctx(load={"dfischer": 3, "alicia-dev": 1}))) == ("alicia-dev",)
    assert reviewers(decide(event, ctx(load={"dfischer": 0, "alicia-dev": 1}))) == ("dfischer",)
    away = ctx().cohort
    assert away is not None
    mentors = [m.model_copy(update={"away": m.handle == "alicia-dev"}) for m in away.mentors]
    cohort = away.model_copy(update={"mentors": mentors})
    from cohort.app.context import Context

    quiet = Context(cohort, ctx().today, load={"dfischer": 9})
    assert reviewers(decide(event, quiet)) == ("dfischer",)


def test_a_mentor_authoring_a_pr_is_not_asked_to_review_it() -> None:
    event = pr_event("opened", pull(author="dfischer"), full=DELTA)
    assert reviewers(decide(event, ctx(load={"dfischer": 0, "alicia-dev": 5}))) == ("alicia-dev",)


def test_closing_drops_the_waiting_and_help_labels() -> None:
    closed = pull(labels=("phase: design", "needs-mentor-review", "help-wanted-from-mentor"))
    closed["state"] = "closed"
    assert labels_after(decide(pr_event("closed", closed), ctx())) == frozenset({"phase: design"})


@pytest.mark.parametrize("action", ["labeled", "assigned", "locked", "nonsense"])
def test_other_actions_change_nothing(action: str) -> None:
    assert decide(pr_event(action, pull()), ctx()) == []


def test_repositories_outside_the_cohort_are_left_alone() -> None:
    assert decide(pr_event("opened", pull(), full="omp-cohorts/website"), ctx()) == []
    assert decide(pr_event("opened", pull(), full="elsewhere/2027-spring-aurora"), ctx()) == []


def test_fresh_state_from_github_wins_over_the_payload() -> None:
    event = pr_event("synchronize", pull(labels=()))
    fresh = ("phase: code", "size/XS", "needs-mentor-review")
    assert decide(event, ctx(pull=pull_state(pull(labels=fresh, requested=("alicia-dev",))))) == []
    assert AURORA in {c.repo for c in decide(event, ctx()) if isinstance(c, SetLabels)}


def test_when_every_mentor_is_away_organizers_are_told_once() -> None:
    from cohort.app.reactions import Comment

    base = ctx().cohort
    assert base is not None
    away = base.model_copy(
        update={"mentors": [m.model_copy(update={"away": True}) for m in base.mentors]}
    )
    event = pr_event("opened", pull(author="omar-h"), full=DELTA)
    first = decide(event, replace(ctx(comments=()), cohort=away))
    [told] = [c for c in first if isinstance(c, Comment)]
    assert "@ada-organizes @grace-runs-it: every mentor of team delta is away" in told.body
    assert reviewers(first) == ()
    again = decide(event, replace(ctx(comments=(told.body,)), cohort=away))
    assert [c for c in again if isinstance(c, Comment)] == []
