"""RELIABILITY.md R3-R6 against the sandbox: faults, lost responses, rate limits, pacing, kills."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from cohort.errors import RateLimitedError
from cohort.github.apply import apply_cohort, plan_cohort
from cohort.reconcile.plan import Change
from cohort.reconcile.safety import Allowances
from cohort.sandbox import Fault, FaultPlan
from tests.github.orgkit import Org, make_org, snapshot
from tests.reconcile.helpers import desired_for, example_cohort

SMALL = Path(__file__).resolve().parent.parent / "data" / "small.yml"
ORG = "tiny-org"


def small_org() -> Org:
    cohort = example_cohort(SMALL.read_text(encoding="utf-8"))
    return make_org(cohort, desired_for(cohort))


@pytest.fixture(scope="module")
def reference() -> tuple[dict[str, Any], int]:
    org = small_org()
    apply_cohort(org.client, org.desired, allow=Allowances())
    return snapshot(org.box, ORG), org.writes()


def converge(org: Org) -> None:
    apply_cohort(org.client, org.desired, allow=Allowances())
    assert plan_cohort(org.fresh_client(), org.desired).empty


@pytest.mark.parametrize("kind", ["5xx", "timeout", "lost-response", "connection-reset"])
def test_failing_the_kth_write_converges_without_duplicates(
    kind: str, reference: tuple[dict[str, Any], int]
) -> None:
    want, writes = reference
    for k in range(1, writes + 1):
        org = small_org()
        org.box.faults = FaultPlan(seed=k, rules=[Fault(kind, on_write=k)])
        converge(org)
        assert org.box.faults.fired, f"fault {kind} on write {k} never fired"
        assert snapshot(org.box, ORG) == want, f"{kind} on write {k}"


def test_half_applied_graphql_batch_converges(reference: tuple[dict[str, Any], int]) -> None:
    for mutation in ("createLabel", "createIssue", "createCommitOnBranch"):
        org = small_org()
        org.box.faults = FaultPlan(
            seed=1, rules=[Fault("partial-batch", on_write=1, match=mutation)]
        )
        converge(org)
        assert snapshot(org.box, ORG) == reference[0], mutation


@pytest.mark.parametrize("stop_after", [1, 3, 8, 15, 30])
def test_killed_apply_is_finished_by_the_next_run(
    stop_after: int, reference: tuple[dict[str, Any], int]
) -> None:
    org = small_org()
    done: list[Change] = []

    def kill(change: Change, status: str) -> None:
        done.append(change)
        if len(done) == stop_after:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apply_cohort(org.client, org.desired, allow=Allowances(), progress=kill)
    org.client = org.fresh_client()
    converge(org)
    assert snapshot(org.box, ORG) == reference[0]


def _wait_after_fault(org: Org) -> tuple[float, float]:
    log = org.box.log
    index = next(
        i
        for i, r in enumerate(log)
        if r.status in (403, 429)
        or (
            r.operation.startswith("graphql")
            and r.status == 200
            and i + 1 < len(log)
            and log[i + 1].path == r.path
            and log[i + 1].time > r.time + 1
        )
    )
    return log[index].time, log[index + 1].time


@pytest.mark.parametrize(
    ("kind", "at_least"),
    [("secondary-rate-limit", 60.0), ("429", 60.0), ("primary-rate-limit", 1.0)],
)
def test_rate_limited_requests_wait_as_github_asks(kind: str, at_least: float) -> None:
    org = small_org()
    org.box.faults = FaultPlan(seed=1, rules=[Fault(kind, on_request=3)])
    converge(org)
    limited, retried = _wait_after_fault(org)
    assert retried - limited >= at_least
    assert org.client.counters.rate_limit_waits


def test_graphql_rate_limited_inside_a_200_is_a_rate_limit_too() -> None:
    org = small_org()
    org.box.faults = FaultPlan(seed=1, rules=[Fault("graphql-rate-limited", on_request=1)])
    converge(org)
    assert org.client.counters.rate_limit_waits


def test_rate_limit_that_never_lifts_ends_in_a_typed_error() -> None:
    org = small_org()
    org.box.faults = FaultPlan(seed=1, rules=[Fault("secondary-rate-limit", probability=1.0)])
    with pytest.raises(RateLimitedError):
        plan_cohort(org.client, org.desired)
    assert len(org.box.log) == 6  # the first try and five waits
    assert org.writes() == 0


@pytest.mark.xfail(
    strict=True,
    reason="issue 15: a new org may send 50 invitations a day; cohort sends more",
)
def test_writes_are_serial_at_least_a_second_apart_and_creations_capped() -> None:
    from benchmarks.generate import cohort_text

    cohort = example_cohort(cohort_text(30))
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    writes = [r for r in org.box.log if r.kind == "write"]
    assert all(b.time - a.time >= 1.0 for a, b in pairwise(writes))
    created = [(r.time, r.content_created) for r in writes if r.content_created]
    assert sum(n for _, n in created) == 90 + 90  # issues, and org invitations of mentees
    for start, _ in created:
        in_window = sum(n for t, n in created if start <= t < start + 60)
        assert in_window <= 80


def test_a_read_the_server_finds_too_big_is_split_in_halves() -> None:
    from tests.conftest import EXAMPLE

    cohort = example_cohort(EXAMPLE.read_text(encoding="utf-8"))
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.box.reset_log()
    org.box.faults = FaultPlan(seed=1, rules=[Fault("resource-limits", on_request=2)])
    assert plan_cohort(org.fresh_client(), org.desired).empty
    reads = [r for r in org.box.log if r.operation == "graphql:query"]
    assert len(reads) == 4  # teams; the refused batch of 4 repos; then two halves of 2
