"""installation decisions: where the App is installed, as records for the store."""

from __future__ import annotations

import pytest

from cohort.app.decide_install import decide
from cohort.app.events import Event
from cohort.app.reactions import TrackInstallation
from tests.app.payloads import ctx


def event(name: str, action: str, **extra: object) -> Event:
    payload = {"action": action, "installation": {"id": 9, "account": {"login": "omp"}}, **extra}
    return Event(name, "d-4", payload)


@pytest.mark.parametrize(
    ("ev", "record"),
    [
        (
            event(
                "installation",
                "created",
                repositories=[{"full_name": "omp/b"}, {"full_name": "omp/a"}],
            ),
            TrackInstallation(9, "omp", True, ("omp/a", "omp/b"), (), True),
        ),
        (event("installation", "deleted"), TrackInstallation(9, "omp", False)),
        (event("installation", "suspend"), TrackInstallation(9, "omp", False)),
        (event("installation", "unsuspend"), TrackInstallation(9, "omp", True)),
        (
            event(
                "installation_repositories",
                "added",
                repositories_added=[{"full_name": "omp/c"}],
                repositories_removed=[],
            ),
            TrackInstallation(9, "omp", True, ("omp/c",), ()),
        ),
        (
            event(
                "installation_repositories",
                "removed",
                repositories_removed=[{"full_name": "omp/a"}],
            ),
            TrackInstallation(9, "omp", True, (), ("omp/a",)),
        ),
    ],
)
def test_installation_events_become_records(ev: Event, record: TrackInstallation) -> None:
    assert decide(ev, ctx()) == [record]


def test_unknown_installation_actions_and_payloads_change_nothing() -> None:
    assert decide(event("installation", "renamed"), ctx()) == []
    assert decide(Event("installation", "d", {"action": "created"}), ctx()) == []
