"""Each fault kind, k-th request selection, and determinism for a seed."""

from __future__ import annotations

import httpx
import pytest

from cohort.clock import SimulatedClock
from cohort.sandbox import Fault, FaultPlan, Sandbox, SandboxTransport


def _create(http: httpx.Client, name: str = "r") -> httpx.Response:
    return http.post("/orgs/acme/repos", json={"name": name})


@pytest.mark.parametrize(
    ("kind", "status"),
    [("5xx", 502), ("secondary-rate-limit", 403), ("primary-rate-limit", 403), ("429", 429)],
)
def test_http_faults_answer_before_applying(
    http: httpx.Client, sb: Sandbox, kind: str, status: int
) -> None:
    sb.faults = FaultPlan(seed=1, rules=[Fault(kind, on_write=1)])
    answer = _create(http)
    assert answer.status_code == status
    assert "acme/r" not in sb.state.repos
    if kind == "secondary-rate-limit":
        assert answer.headers["retry-after"] == "60"
        assert "secondary rate limit" in answer.json()["message"]
    if kind == "primary-rate-limit":
        assert answer.headers["x-ratelimit-remaining"] == "0"
        assert int(answer.headers["x-ratelimit-reset"]) > sb.clock.wall()
    assert _create(http).status_code == 201


@pytest.mark.parametrize(
    ("kind", "error"),
    [("connection-reset", httpx.RemoteProtocolError), ("timeout", httpx.ReadTimeout)],
)
def test_dropped_connections_apply_nothing(
    http: httpx.Client, sb: Sandbox, kind: str, error: type[Exception]
) -> None:
    sb.faults = FaultPlan(seed=1, rules=[Fault(kind, on_write=1)])
    with pytest.raises(error):
        _create(http)
    assert "acme/r" not in sb.state.repos


def test_lost_response_applies_the_write(http: httpx.Client, sb: Sandbox) -> None:
    sb.faults = FaultPlan(seed=1, rules=[Fault("lost-response", on_write=1)])
    with pytest.raises(httpx.ReadTimeout):
        _create(http)
    assert "acme/r" in sb.state.repos
    assert _create(http).status_code == 422


def _graphql(http: httpx.Client, query: str) -> httpx.Response:
    return http.post("/graphql", json={"query": query})


def test_graphql_rate_limited_and_resource_limits(http: httpx.Client, sb: Sandbox) -> None:
    sb.faults = FaultPlan(
        seed=1,
        rules=[Fault("graphql-rate-limited", on_request=1), Fault("resource-limits", on_request=2)],
    )
    first = _graphql(http, "{ viewer { login } }")
    assert first.status_code == 200
    assert first.json()["errors"][0]["type"] == "RATE_LIMITED"
    assert first.headers["x-ratelimit-remaining"] == "0"
    second = _graphql(http, "{ viewer { login } }").json()
    assert second["errors"][0]["message"].startswith("Resource limits for this query exceeded")
    assert _graphql(http, "{ viewer { login } }").json()["data"]["viewer"]["login"] == "olga"


def test_partial_batch_applies_only_the_first_half(http: httpx.Client, sb: Sandbox) -> None:
    _create(http, "p")
    rid = _graphql(http, '{ repository(owner: "acme", name: "p") { id } }').json()
    node = rid["data"]["repository"]["id"]
    sb.faults = FaultPlan(seed=1, rules=[Fault("partial-batch", on_write=1, match="createLabel")])
    doc = (
        "mutation {"
        + " ".join(
            f'l{n}: createLabel(input: {{repositoryId: "{node}", name: "l{n}", color: "ededed"}}) '
            "{ label { name } }"
            for n in range(4)
        )
        + "}"
    )
    body = _graphql(http, doc).json()
    made = [x.name for x in sb.state.repos["acme/p"].labels if not x.default]
    assert made == ["l0", "l1"]
    assert body["data"]["l2"] is None
    assert len(body["errors"]) == 2


def test_match_selects_an_operation_and_kth_request(http: httpx.Client, sb: Sandbox) -> None:
    sb.faults = FaultPlan(seed=1, rules=[Fault("5xx", on_request=2, match="repos/get")])
    _create(http)
    statuses = [http.get("/repos/acme/r").status_code for _ in range(3)]
    assert statuses == [200, 502, 200]


def _run(seed: int) -> list[int]:
    sb = Sandbox()
    sb.add_org("acme", owners=["olga"])
    token = sb.issue_token("olga")
    sb.faults = FaultPlan(seed=seed, rules=[Fault("5xx", probability=0.3)])
    client = httpx.Client(
        transport=SandboxTransport(sb),
        base_url="https://api.github.com",
        headers={"Authorization": f"token {token}"},
    )
    return [client.get("/orgs/acme").status_code for _ in range(40)]


def test_probabilistic_faults_are_deterministic_for_a_seed() -> None:
    assert _run(7) == _run(7)
    assert _run(7) != _run(8)
    assert 502 in _run(7)


def test_latency_advances_the_simulated_clock(http: httpx.Client, sb: Sandbox) -> None:
    assert isinstance(sb.clock, SimulatedClock)
    sb.latency = 0.25
    before = sb.clock.now()
    http.get("/orgs/acme")
    assert sb.clock.now() == before + 0.25


def test_unknown_fault_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown fault kind"):
        Fault("meteor")
