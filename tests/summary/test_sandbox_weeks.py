"""End to end on the sandbox: a cohort applied, weeks of activity, one summary issue per week."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from cohort.github.apply import apply_cohort
from cohort.github.post_summary import SUMMARY_LABEL, Posted, post_summary, summary_week
from cohort.github.read_activity import read_activity
from cohort.reconcile.safety import Allowances
from cohort.summary import Summary, parse_week, render_markdown, summarize
from tests.github.orgkit import make_org
from tests.reconcile.helpers import desired_for, example_cohort
from tests.summary.simulate import ORG, Simulation

ADMIN = f"{ORG}/cohort-admin"
START = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def sim() -> Simulation:
    cohort = example_cohort()
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.client.rest("POST", f"/orgs/{ORG}/repos", {"name": "cohort-admin", "auto_init": True})
    return Simulation(org)


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2027, 2, day, hour, tzinfo=dt.UTC)


def weekly(sim: Simulation, week: str) -> tuple[Summary, Posted, int, int]:
    """Read, summarize and post as the weekly job does; returns reads and writes it took."""
    before = sim.org.box.counters()
    client, cohort = sim.org.fresh_client(), sim.org.cohort
    activity = read_activity(client, cohort, START, now=sim.now())
    summary = summarize(activity, cohort, parse_week(week), sim.now())
    posted = post_summary(client, cohort, week, f"summary {week}", render_markdown(summary))
    after = sim.org.box.counters()
    writes = after["writes"] - before["writes"]
    return summary, posted, after["requests"] - before["requests"] - writes, writes


def summary_issues(sim: Simulation) -> list[tuple[int, str | None, str, list[str]]]:
    repo = sim.org.box.state.repos[ADMIN]
    names = {lb.id: lb.name for lb in repo.labels}
    return [
        (
            i.number,
            summary_week(i.body or "", "2027-spring"),
            i.state,
            [names[x] for x in i.label_ids],
        )
        for i in sorted(repo.issues.values(), key=lambda i: i.number)
    ]


def test_three_weeks_post_one_issue_each_and_reruns_update_it(sim: Simulation) -> None:
    budget = math.ceil(len(sim.org.cohort.teams) / 25) + 3
    sim.move_to(at(8))
    aurora_pr = sim.open_pr("fatima-z", "2027-spring-aurora", "Event list")
    cirrus_pr = sim.open_pr("lena-s", "2027-spring-cirrus", "Load data")
    sim.move_to(at(9, 16))
    sim.review("alicia-dev", "2027-spring-aurora", aurora_pr)
    sim.merge("fatima-z", "2027-spring-aurora", aurora_pr)
    sim.close_issue(
        "omar-h", "2027-spring-delta", sim.milestone_issues("2027-spring-delta", "Design")[0]
    )
    sim.move_to(at(14, 18))
    first, posted, reads, writes = weekly(sim, "2027-W06")
    # + the member list: invitations that expired before their people accepted one sent again
    # stay listed as failed, and the members tell who joined after all
    assert (posted.action, reads, writes) == ("created", budget + 1, 1)
    assert first.expired == ()
    aurora = first.teams[0]
    assert (aurora.prs_opened, aurora.prs_merged, aurora.first_review_hours) == (1, 1, 30.0)
    assert aurora.contributed == ("fatima-z",)
    assert [p.number for p in first.teams[2].waiting] == [cirrus_pr]
    assert first.teams[3].milestones[0].closed == 1
    assert first.attention[0].slug == "borealis"

    again = weekly(sim, "2027-W06")[1:]
    assert again[0].action == "unchanged"
    assert again[0].number == posted.number
    assert again[2] == 0

    sim.move_to(at(16))
    sim.review("chen-li", "2027-spring-cirrus", cirrus_pr)
    sim.merge("lena-s", "2027-spring-cirrus", cirrus_pr)
    sim.close_issue(
        "fatima-z", "2027-spring-aurora", sim.milestone_issues("2027-spring-aurora", "Design")[0]
    )
    sim.move_to(at(21, 18))
    second, posted2, reads, writes = weekly(sim, "2027-W07")
    assert (posted2.action, posted2.previous, posted2.closed_previous) == (
        "created",
        posted.number,
        True,
    )
    assert reads <= budget + 1
    assert writes == 2
    assert second.teams[2].prs_merged == 1
    assert second.teams[2].waiting == ()

    sim.move_to(at(21, 20))
    rerun = weekly(sim, "2027-W07")
    assert (rerun[1].action, rerun[1].number, rerun[3]) == ("updated", posted2.number, 1)

    sim.move_to(dt.datetime(2027, 2, 28, 18, tzinfo=dt.UTC))
    third = weekly(sim, "2027-W08")
    assert third[0].phase == "code"
    assert third[0].cohort_week == 4

    assert summary_issues(sim) == [
        (posted.number, "2027-W06", "closed", [SUMMARY_LABEL]),
        (posted2.number, "2027-W07", "closed", [SUMMARY_LABEL]),
        (third[1].number, "2027-W08", "open", [SUMMARY_LABEL]),
    ]
    body = sim.org.box.state.repos[ADMIN].issues[posted2.number].body or ""
    assert f"Previous week: #{posted.number} (2027-W06)." in body
    sim.org.box.assert_clean()
