"""The App manifest asks for exactly what the code calls, and nothing else."""

from __future__ import annotations

import json
import re

from cohort.app.decide import HANDLERS
from cohort.app.endpoints import ENDPOINTS, SUBSCRIBED_EVENTS, required_permissions
from tests.app.e2e import make_world, processor
from tests.conftest import ROOT

MANIFEST = json.loads((ROOT / "app" / "manifest.json").read_text())


def test_manifest_permissions_are_derived_from_the_endpoints() -> None:
    assert MANIFEST["default_permissions"] == required_permissions()
    assert "administration" not in MANIFEST["default_permissions"]


def test_manifest_events_are_the_handled_ones() -> None:
    assert MANIFEST["default_events"] == sorted(SUBSCRIBED_EVENTS)
    # installation events reach every App without a subscription
    assert set(HANDLERS) == set(SUBSCRIBED_EVENTS) | {"installation", "installation_repositories"}


def route(path: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\{[a-z_]+\\}", "[^?]+", re.escape(path)) + r"(\?.*)?\Z")


def test_every_request_the_app_sends_is_a_declared_endpoint() -> None:
    world = make_world()
    pr = world.open_pull(
        f"{world.org.cohort.program.organization}/2027-spring-aurora", "f", {"src/x.js": b"x\n"}
    )
    body = world.payload("opened", "omp-cohorts/2027-spring-aurora", pr)
    world.org.box.reset_log()
    processor(world).handle("pull_request", "d", body)
    sent = [(r.method, r.path) for r in world.org.box.log]
    assert sent, "the App sent nothing"
    for method, path in sent:
        assert any(e.method == method and route(e.path).match(path) for e in ENDPOINTS), path
