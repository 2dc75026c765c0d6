"""Routing: the App's own events and unknown events call for nothing."""

from __future__ import annotations

from cohort.app.decide import decide
from cohort.app.events import Event
from tests.app.payloads import APP, ctx, pr_event, pull


def test_the_apps_own_events_are_ignored() -> None:
    assert decide(pr_event("opened", pull(), sender=APP), ctx()) == []


def test_a_pull_request_from_a_person_is_decided() -> None:
    assert decide(pr_event("opened", pull()), ctx()) != []


def test_unknown_events_are_ignored() -> None:
    assert decide(Event("star", "d", {"action": "created"}), ctx()) == []
    assert decide(Event("pull_request", "d", {}), ctx()) == []
