"""Pacer: writes at least a second apart; content-creating requests capped per minute and hour."""

from __future__ import annotations

from cohort.clock import SimulatedClock
from cohort.github.pacing import Pacer, Pacing


def test_second_write_waits_a_second() -> None:
    clock = SimulatedClock()
    pacer = Pacer(clock)
    pacer.wait_before(0)
    pacer.record(0)
    assert pacer.delay(0) == 1.0


def test_eighty_one_creations_in_a_minute_wait_for_the_window() -> None:
    clock = SimulatedClock()
    pacer = Pacer(clock, Pacing(min_interval=0.0))
    start = clock.now()
    for _ in range(80):
        pacer.wait_before(1)
        pacer.record(1)
    assert clock.now() == start
    pacer.wait_before(1)
    assert clock.now() == start + 60.0


def test_hourly_cap_holds_the_five_hundred_and_first_creation() -> None:
    clock = SimulatedClock()
    pacer = Pacer(clock, Pacing(min_interval=0.0, per_minute=10_000))
    start = clock.now()
    pacer.wait_before(500)
    pacer.record(500)
    pacer.wait_before(1)
    assert clock.now() == start + 3600.0


def test_pacing_zero_never_waits_for_reads_or_plain_writes() -> None:
    clock = SimulatedClock()
    pacer = Pacer(clock, Pacing(min_interval=0.0))
    for _ in range(5):
        pacer.wait_before(0)
        pacer.record(0)
    assert clock.slept == []


def test_write_interval_is_configurable_but_never_under_a_second_on_github_com() -> None:
    from cohort.github.pacing import pacing_for

    assert pacing_for("http://127.0.0.1:8080", "0").min_interval == 0.0
    assert pacing_for("https://api.github.com", "0").min_interval == 1.0
    assert pacing_for("https://api.github.com", None).min_interval == 1.0
    assert pacing_for("https://ghes.example/api/v3", "2.5").min_interval == 2.5
    assert pacing_for("https://ghes.example/api/v3", "soon").min_interval == 1.0


def test_transport_works_over_real_http_where_httpx_sets_the_request_late() -> None:
    from benchmarks.served import served
    from cohort.github.client import Client
    from cohort.sandbox import Sandbox

    box = Sandbox(clock=SimulatedClock())
    box.add_org("http-org", owners=["owner"])
    with served(box) as url:
        client = Client(box.issue_token("owner"), api_url=url)
        assert client.rest("GET", "/orgs/http-org")["login"] == "http-org"
        assert client.graphql("query { viewer { login } }").data == {"viewer": {"login": "owner"}}


def test_graphql_endpoint_of_github_enterprise_server_is_beside_the_rest_root() -> None:
    from cohort.github.client import Client

    assert Client("t", api_url="https://ghes.example/api/v3").graphql_url == (
        "https://ghes.example/api/graphql"
    )
    assert Client("t").graphql_url == "https://api.github.com/graphql"
