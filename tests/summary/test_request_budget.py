"""Request budget of the weekly job: ≤ ⌈T/25⌉ + 3 reads and ≤ 2 writes; batches adapt."""

from __future__ import annotations

import datetime as dt
import math

from benchmarks.summary_requests import START, build, naive, ours
from cohort.github.read_activity import activity_query, read_activity
from cohort.sandbox.faults import Fault, FaultPlan


def test_thirty_teams_take_at_most_ceil_t_over_25_plus_3_reads_and_2_writes() -> None:
    bench = build(30)
    reads, writes = ours(bench)
    # two activity documents, pending and failed invitations, the summary issue
    assert (reads, writes) == (5, 1)
    assert reads <= math.ceil(30 / 25) + 3
    bench.clock.advance(7 * 86400)
    reads, writes = ours(bench)  # next week: create it, close last week's
    assert reads <= math.ceil(30 / 25) + 3
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
    assert bench.counts()[0] - before == 3 + 2  # refused batch of 4, two of 2; invitations


def test_the_member_list_is_read_only_for_an_expired_invitation_not_sent_again() -> None:
    bench = build(2)
    org = bench.cohort.program.organization
    mentee = bench.cohort.mentees[0].handle
    user_id = bench.box.state.users[mentee].id
    bench.client.rest("POST", f"/orgs/{org}/invitations", {"invitee_id": user_id})
    bench.clock.advance(8 * 86400)  # expired, and not sent again
    before = bench.counts()[0]
    now = dt.datetime.fromtimestamp(bench.clock.wall(), dt.UTC)
    activity = read_activity(bench.client, bench.cohort, START, now=now)
    assert bench.counts()[0] - before == 1 + 2 + 1  # activity, invitations, the member list
    assert [i.login for i in activity.failed] == [mentee]
    assert activity.members == ()


def test_the_query_aliases_every_repository() -> None:
    doc = activity_query("acme", ["a", "b"], START)
    assert 'r0: repository(owner: "acme", name: "a")' in doc
    assert 'r1: repository(owner: "acme", name: "b")' in doc
    assert 'since: "2027-02-01T00:00:00Z"' in doc
