"""Pending invitations as state on the strict sandbox: cancel on leave, re-invite on move, quota."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cohort.errors import UnsafePlanError
from cohort.github.apply import apply_cohort, plan_cohort
from cohort.reconcile.safety import Allowances
from tests.conftest import EXAMPLE
from tests.github.orgkit import Org, make_org
from tests.reconcile.helpers import desired_for, example_cohort

ORG = "omp-cohorts"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def applied() -> Org:
    """The example applied; nobody has accepted their invitation yet."""
    cohort = example_cohort()
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    return org


def invitations(org: Org, login: str) -> list[list[str]]:
    """Team slugs of each pending org invitation of ``login``."""
    state = org.box.state
    return [
        sorted(t.slug for i in inv.team_ids if (t := state.team_by_id(i)) is not None)
        for inv in state.orgs[ORG].invitations
        if inv.login == login
    ]


def test_a_pending_mentee_who_moves_is_invited_to_the_new_team_only() -> None:
    org = applied()
    assert invitations(org, "fatima-z") == [["2027-spring-aurora"]]
    moved = TEXT.replace("[fatima-z, gabe-r, hana-k]", "[gabe-r, hana-k]").replace(
        "[ivan-p, jules-m, kofi-a]", "[ivan-p, jules-m, kofi-a, fatima-z]"
    )
    desired = desired_for(example_cohort(moved))
    plan = plan_cohort(org.client, desired)
    assert [(c.action, c.kind, c.target, c.details) for c in plan.changes] == [
        (
            "create",
            "onboarding",
            "@fatima-z",
            (("assign", "once they accept; mentioned until then"),),
        ),  # in borealis's repository; aurora's stays open, with a plan note
        (
            "remove",
            "invitation",
            "fatima-z",
            (
                ("cancel", "sent 2027-01-15"),
                ("teams", "2027-spring-aurora → 2027-spring-borealis"),
            ),
        ),
        ("create", "team-member", "2027-spring-borealis/fatima-z", (("role", "- → member"),)),
    ]
    apply_cohort(org.client, desired, allow=Allowances())
    assert invitations(org, "fatima-z") == [["2027-spring-borealis"]]
    teams = {t.slug: t for t in org.box.state.teams.values()}
    assert "fatima-z" not in teams["2027-spring-aurora"].pending
    assert teams["2027-spring-borealis"].pending == {"fatima-z": "member", **_pending(org)}
    assert plan_cohort(org.client, desired).empty


def _pending(org: Org) -> dict[str, str]:
    team = next(t for t in org.box.state.teams.values() if t.slug == "2027-spring-borealis")
    return {k: v for k, v in team.pending.items() if k != "fatima-z"}


def test_a_pending_mentee_who_leaves_loses_the_invitation_and_cannot_get_in() -> None:
    org = applied()
    gone = TEXT.replace("[fatima-z, gabe-r, hana-k]", "[gabe-r, hana-k]").replace(
        "  - {handle: fatima-z, name: Fatima Zahra, level: first-year, skills: [html, css]}\n", ""
    )
    desired = desired_for(example_cohort(gone))
    plan = plan_cohort(org.client, desired)
    assert [(c.action, c.kind, c.target) for c in plan.changes] == [
        ("remove", "invitation", "fatima-z")
    ]
    assert [c.target for c in plan.destructive()] == ["fatima-z"]
    with pytest.raises(UnsafePlanError, match=r"1 of \d+ managed memberships"):
        apply_cohort(org.client, desired, allow=Allowances(removal_limit=0.0))
    assert invitations(org, "fatima-z") == [["2027-spring-aurora"]]
    apply_cohort(org.client, desired, allow=Allowances())
    assert invitations(org, "fatima-z") == []
    assert org.box.accept_invitations("fatima-z") == []
    state = org.box.state
    assert not state.orgs[ORG].is_member("fatima-z")
    assert all("fatima-z" not in {*t.members, *t.pending} for t in state.teams.values())
    assert plan_cohort(org.client, desired).empty


DAY = 24 * 3600.0


def test_300_mentees_in_a_new_organization_arrive_over_days_within_the_quota() -> None:
    from benchmarks.generate import cohort_text

    cohort = example_cohort(cohort_text(100))
    org = make_org(cohort, desired_for(cohort))
    first = apply_cohort(org.client, org.desired, allow=Allowances())
    state = org.box.state
    assert len(state.orgs["bench-org"].invitations) == 50
    assert len(first.queued) == 250
    assert first.quota_frees is not None
    sent = min(i.created_at for i in state.orgs["bench-org"].invitations)
    assert first.quota_frees == dt.datetime.fromisoformat(sent) + dt.timedelta(days=1)
    assert plan_cohort(org.client, org.desired).counts() == {  # all but invitations is done
        "create": 250, "update": 0, "remove": 0, "archive": 0,
    }  # fmt: skip
    for day in range(1, 8):
        for inv in list(state.orgs["bench-org"].invitations):
            if inv.login != "mentee0":  # everyone accepts at once, but mentee0 never does
                org.box.accept_invitations(str(inv.login))
        org.clock.advance(DAY + 600)  # a daily run, a little later each day
        report = apply_cohort(org.client, org.desired, allow=Allowances())
        assert len(report.queued) == max(0, 250 - 50 * day)
        if day == 7:  # mentee0's invitation expired after 7 days: sent again, once
            assert [c.target for c in report.applied] == ["bench-team0/mentee0"]
        elif day > 5:
            assert report.applied == []
    members = set(state.orgs["bench-org"].members)
    assert {f"mentee{i}" for i in range(1, 300)} <= members
    assert [i.login for i in state.orgs["bench-org"].invitations] == ["mentee0"]


def test_the_summary_lists_unaccepted_then_expired_and_a_resent_one_is_pending() -> None:
    from cohort.github.read_activity import read_activity
    from cohort.summary import render_json, render_markdown, summarize, week_of
    from cohort.summary.model import Summary
    from cohort.summary.week import local_day

    org = applied()
    sent = next(i for i in org.box.state.orgs[ORG].invitations if i.login == "fatima-z")
    for inv in list(org.box.state.orgs[ORG].invitations):
        if inv.login != "fatima-z":
            org.box.accept_invitations(str(inv.login))
    org.clock.advance(4 * DAY)

    def summary_now() -> Summary:
        now = dt.datetime.fromtimestamp(org.clock.wall(), dt.UTC)
        activity = read_activity(org.client, org.cohort, now - dt.timedelta(days=7), now=now)
        week = week_of(local_day(now, org.cohort.calendar.timezone))
        return summarize(activity, org.cohort, week, now)

    four = summary_now()
    assert (four.unaccepted, four.expired) == ((("fatima-z", 4),), ())
    text = render_markdown(four)
    assert "## Invitations not accepted after 3 days" in text
    assert "| @fatima-z | 4 |" in text
    assert "## Invitations that expired" not in text

    org.clock.advance(4 * DAY)  # 8 days: expired, and the daily apply has not run yet
    eight = summary_now()
    assert eight.unaccepted == ()
    sent_on = dt.datetime.fromisoformat(sent.created_at)
    assert [(e.login, e.sent_at, e.expired_at) for e in eight.expired] == [
        ("fatima-z", sent_on, sent_on + dt.timedelta(days=7))
    ]
    text = render_markdown(eight)
    assert "## Invitations that expired" in text
    assert f"| @fatima-z | {sent_on.date()} | {(sent_on + dt.timedelta(days=7)).date()} |" in text
    data = json.loads(render_json(eight))
    assert data["expired"] == [
        {
            "login": "fatima-z",
            "sent_at": sent.created_at,
            "expired_at": (sent_on + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "reason": "Invitation expired",
        }
    ]

    report = apply_cohort(org.client, org.desired, allow=Allowances())
    assert [c.target for c in report.applied if c.kind != "onboarding"] == [
        "2027-spring-aurora/fatima-z"  # sent again
    ]
    others = sorted(m for t in org.cohort.teams for m in t.mentees if m != "fatima-z")
    assigned = sorted(c.target for c in report.applied if c.kind == "onboarding")
    assert assigned == [f"@{m}" for m in others]  # who accepted is now assigned
    again = summary_now()
    assert (again.unaccepted, again.expired) == ((), ())  # pending again, for 0 days
    assert "## Invitations that expired" not in render_markdown(again)
    assert apply_cohort(org.client, org.desired, allow=Allowances()).applied == []  # once
    org.clock.advance(3 * DAY)
    later = summary_now()
    assert (later.unaccepted, later.expired) == ((("fatima-z", 3),), ())

    org.box.accept_invitations("fatima-z")  # GitHub still lists the failed one: she is a member
    assert [i.login for i in org.box.state.orgs[ORG].expired] == ["fatima-z"]
    joined = summary_now()
    assert (joined.unaccepted, joined.expired) == ((), ())
