"""A team's commits are the team's: cohort's scaffold and GitHub's first commit do not count."""

from __future__ import annotations

import datetime as dt

from cohort import commits
from cohort.github.apply import apply_cohort
from cohort.github.read_activity import read_activity
from cohort.reconcile.safety import Allowances
from cohort.summary import parse_week, summarize
from tests.github.orgkit import make_org
from tests.reconcile.helpers import desired_for, example_cohort
from tests.summary.simulate import Simulation


def test_the_week_of_the_first_apply_counts_only_the_mentees_commits() -> None:
    cohort = example_cohort()
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    sim = Simulation(org)
    sim.move_to(sim.now() + dt.timedelta(hours=1))
    number = sim.open_pr("hana-k", "2027-spring-aurora", "Calendar export")
    sim.review("alicia-dev", "2027-spring-aurora", number)
    sim.merge("hana-k", "2027-spring-aurora", number)
    now = sim.now()
    week = parse_week(f"{now.isocalendar().year}-W{now.isocalendar().week:02d}")
    activity = read_activity(org.client, cohort, now - dt.timedelta(days=8), now=now)
    aurora = activity.repos["2027-spring-aurora"]
    assert sorted(c.headline for c in aurora.commits) == sorted(
        [commits.GITHUB_FIRST, commits.SCAFFOLD, f"Calendar export (#{number})"]
    )
    summary = summarize(activity, cohort, week, now)
    assert [(t.slug, t.commits) for t in summary.teams] == [
        ("aurora", 1),
        ("borealis", 0),
        ("cirrus", 0),
        ("delta", 0),
    ]
    assert summary.totals.commits == 1
