"""Request budget of the weekly job: ≤ ⌈T/25⌉ + 2 reads and ≤ 2 writes; batches adapt."""

from __future__ import annotations

import datetime as dt
import math

from benchmarks.summary_requests import START, build, naive, ours
from cohort.github.read_activity import activity_query, read_activity
from cohort.sandbox.faults import Fault, FaultPlan


def test_thirty_teams_take_at_most_ceil_t_over_25_plus_2_reads_and_2_writes() -> None:
    bench = build(30)
    reads, writes = ours(bench)
    assert (reads, writes) == (4, 1)  # two activity documents, pending invitations, the issue
    assert reads <= math.ceil(30 / 25) + 2
    bench.clock.advance(7 * 86400)
    reads, writes = ours(bench)  # next week: create it, close last week's
    assert reads <= math.ceil(30 / 25) + 2
    assert writes == 2
    naive_reads, _ = naive(bench)
    assert naive_reads >= 10 * reads
    bench.box.assert_clean()


def test_a_batch_too_big_for_github_is_halved_until_it_is_answered() -> None:
    bench = build(4)
    bench.box.faults = FaultPlan(seed=1, rules=[Fault("resource-limits", on_request=1)])
    before = bench.counts()[0]
    now = dt.datetime.fromtimestamp(bench.clock.wall(), dt.UTC)
    activity = read_activity(bench.client, bench.cohort, START, now=now, batch=4)
    assert sorted(activity.repos) == [f"bench-team{i}" for i in range(4)]
    assert all(r.found and len(r.pulls) == 2 for r in activity.repos.values())
    assert bench.counts()[0] - before == 3 + 1  # refused batch of 4, two of 2; invitations


def test_the_query_aliases_every_repository() -> None:
    doc = activity_query("acme", ["a", "b"], START)
    assert 'r0: repository(owner: "acme", name: "a")' in doc
    assert 'r1: repository(owner: "acme", name: "b")' in doc
    assert 'since: "2027-02-01T00:00:00Z"' in doc
