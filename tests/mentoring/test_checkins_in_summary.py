"""The weekly summary reports who answered each team's check-in (read in the same batch)."""

from __future__ import annotations

import datetime as dt

from cohort.github.checkins_io import run_checkins
from cohort.github.read_activity import read_activity
from cohort.summary import render_markdown, summarize, week_of
from tests.mentoring.world import make_world, monday
from tests.summary.simulate import ORG


def test_summary_lists_who_answered_the_weeks_check_in() -> None:
    sim = make_world()
    sim.move_to(monday(2))
    client, cohort = sim.org.fresh_client(), sim.org.cohort
    run_checkins(client, cohort, 2, {})
    repo = sim.org.box.state.repos[f"{ORG}/2027-spring-aurora"]
    number = max(repo.issues)
    sim.as_("gabe-r").rest(
        "POST",
        f"/repos/{ORG}/2027-spring-aurora/issues/{number}/comments",
        {"body": "**What I did**\nThe event list.\n**Where I am blocked**\nCORS on the API."},
    )
    sim.move_to(monday(2) + dt.timedelta(days=2))
    now = sim.now()
    before = sim.org.requests()
    activity = read_activity(sim.org.fresh_client(), cohort, now - dt.timedelta(days=7), now=now)
    # one batched read for the four teams; pending and failed invitations; and, as invitations
    # expired unaccepted in this world, the member list (who joined after all)
    assert sim.org.requests() - before == 4
    summary = summarize(activity, cohort, week_of(now.date()), now)
    aurora = next(t for t in summary.teams if t.slug == "aurora")
    assert (aurora.checkin, aurora.checkin_answered, aurora.checkin_silent) == (
        number,
        ("gabe-r",),
        ("fatima-z", "hana-k"),
    )
    ref = f"omp-cohorts/2027-spring-aurora#{number}"
    link = f"[{ref}](https://github.com/omp-cohorts/2027-spring-aurora/issues/{number})"
    markdown = render_markdown(summary)
    assert f"| aurora | {link} | @gabe-r | @fatima-z, @hana-k |" in markdown
    assert aurora.checkin_blockers == ("@gabe-r: CORS on the API.",)
    assert "- aurora: blocker from the check-in, @gabe-r: CORS on the API." in markdown
