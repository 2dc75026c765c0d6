"""What mentors see is true: waiting follows the App's rule, past weeks are as of their end.

Pure cases over small snapshots, and a sandbox run where each week's summary is taken live
at the end of the week and again weeks later: the two agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from cohort.github.apply import apply_cohort
from cohort.github.read_activity import read_activity
from cohort.reconcile.safety import Allowances
from cohort.summary import Summary, parse_week, render_markdown, summarize
from cohort.summary.activity import (
    Activity,
    Issue,
    Milestone,
    Note,
    PullRequest,
    RepoActivity,
    Review,
)
from tests.github.orgkit import make_org
from tests.reconcile.helpers import desired_for, example_cohort
from tests.summary.simulate import ORG, Simulation

COHORT = example_cohort()
W07 = parse_week("2027-W07")  # 15 to 21 February 2027, cohort week 3
END_W07 = dt.datetime(2027, 2, 21, 22, 0, tzinfo=dt.UTC)  # Sunday 23:00 in Berlin


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2027, 2, day, hour, tzinfo=dt.UTC)


def aurora(*pulls: PullRequest, issues: tuple[Issue, ...] = ()) -> Activity:
    repo = RepoActivity(
        "2027-spring-aurora",
        milestones=(Milestone("Design", dt.date(2027, 2, 21), 0, 3),),
        issues=issues,
        pulls=pulls,
    )
    return Activity(ORG, END_W07, {repo.name: repo})


def waiting(
    activity: Activity, week: Any = W07, now: dt.datetime = END_W07
) -> list[tuple[str, float]]:
    summary = summarize(activity, COHORT, week, now)
    return [(p.ref, round(p.days, 1)) for p in summary.teams[0].waiting]


PR = PullRequest(5, "Filter by topic", "gabe-r", at(15), requested=("alicia-dev",))


def test_a_re_request_after_changes_waits_from_the_push_not_the_review() -> None:
    changes = Review("alicia-dev", "CHANGES_REQUESTED", at(16))
    rework = PullRequest(
        5, "Filter by topic", "gabe-r", at(15), reviews=(changes,), pushes=(Note("gabe-r", at(19)),)
    )
    assert waiting(aurora(rework)) == [("omp-cohorts/2027-spring-aurora#5", 2.5)]
    not_yet = replace(rework, pushes=())  # changes requested, nothing pushed: not the mentor's turn
    assert waiting(aurora(not_yet)) == []


def test_a_comment_only_review_keeps_the_pr_waiting() -> None:
    commented = replace(PR, requested=(), reviews=(Review("alicia-dev", "COMMENTED", at(17)),))
    assert waiting(aurora(commented)) == [("omp-cohorts/2027-spring-aurora#5", 4.5)]


def test_a_past_week_is_as_of_its_end() -> None:
    """Reviews given later do not hide PRs that were waiting then; later closes do not count."""
    approved_later = replace(PR, reviews=(Review("alicia-dev", "APPROVED", at(24)),), requested=())
    issues = (
        Issue(1, "Design doc", at(1), at(18), "Design"),
        Issue(2, "Wireframes", at(1), at(25), "Design"),
        Issue(3, "Plan", at(1), None, "Design"),
    )
    later = replace(aurora(approved_later, issues=issues), fetched_at=at(28))
    past = summarize(later, COHORT, W07, at(28))
    assert [p.ref for p in past.teams[0].waiting] == ["omp-cohorts/2027-spring-aurora#5"]
    [design] = past.teams[0].milestones
    assert (design.closed, design.total, design.status) == (1, 3, "at risk")
    before_start = summarize(later, COHORT, parse_week("2027-W04"), at(28))
    assert [(m.closed, m.total, m.status) for m in before_start.teams[0].milestones] == [
        (0, 0, "on track")  # the issues did not exist yet: nothing was done
    ]
    assert not past.live
    assert "computed as of its end from timestamps" in render_markdown(past)


def test_mentees_are_active_blocked_or_quiet() -> None:
    old = replace(PR, created_at=at(5), number=2, title="Old work", author="hana-k", requested=())
    talk = PullRequest(
        3, "Chat", "fatima-z", at(1), closed_at=at(2), comments=(Note("fatima-z", at(20)),)
    )
    summary = summarize(aurora(old, talk), COHORT, W07, END_W07)
    states = {m.handle: m.state for m in summary.teams[0].mentees}
    assert states == {"fatima-z": "active", "gabe-r": "quiet", "hana-k": "blocked"}
    assert "fatima-z" in summary.teams[0].contributed  # a comment counts as activity


def test_help_requests_reach_the_mentor_with_their_age() -> None:
    stuck = Issue(9, "Stuck on auth", at(18), None, None, "hana-k", ("help-wanted-from-mentor",))
    summary = summarize(aurora(issues=(stuck,)), COHORT, W07, END_W07)
    [help_request] = summary.teams[0].help_requests
    assert (help_request.ref, round(help_request.days, 1)) == (
        "omp-cohorts/2027-spring-aurora#9",
        3.5,
    )
    [first] = [a for a in summary.attention if a.slug == "aurora"]
    assert "help requested in omp-cohorts/2027-spring-aurora#9 3.5 days ago" in first.reasons
    assert (
        "- aurora: help requested in [omp-cohorts/2027-spring-aurora#9]"
        "(https://github.com/omp-cohorts/2027-spring-aurora/issues/9) Stuck on auth "
        "(by @hana-k, open 3.5 days)"
    ) in render_markdown(summary)


def applied_and_accepted() -> Simulation:
    """The example cohort applied, everyone accepting their invitation at once (they expire
    after 7 days on GitHub, and the weeks below start later)."""
    cohort = example_cohort()
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    for team in cohort.teams:
        for login in [*team.mentees, *team.mentors]:
            org.box.accept_invitations(login)
    return Simulation(org)


def facts(s: Summary) -> list[Any]:
    """What a summary says about teams and mentors (not when it was rendered)."""
    return [
        [
            (t.slug, t.prs_opened, t.prs_merged, t.prs_open, t.commits, t.issues_closed),
            [(m.title, m.closed, m.total, m.status) for m in t.milestones],
            [(p.ref, round(p.days, 1), p.too_long) for p in t.waiting],
            t.contributed,
            [(m.handle, m.state) for m in t.mentees],
        ]
        for t in s.teams
    ] + [[(m.handle, m.reviews_given, [p.ref for p in m.waiting]) for m in s.mentors]]


def test_sandbox_past_weeks_say_what_they_said_live() -> None:
    cohort = example_cohort()
    sim = applied_and_accepted()

    def summary_of(week: str) -> Summary:
        activity = read_activity(sim.org.fresh_client(), cohort, at(1, 0), now=sim.now())
        return summarize(activity, cohort, parse_week(week), sim.now())

    sim.move_to(at(8))
    first = sim.open_pr("fatima-z", "2027-spring-aurora", "Event list")
    second = sim.open_pr("lena-s", "2027-spring-cirrus", "Load data")
    sim.move_to(at(10))
    sim.review("alicia-dev", "2027-spring-aurora", first, "REQUEST_CHANGES")
    sim.move_to(at(12))
    sim.close_issue(
        "omar-h", "2027-spring-delta", sim.milestone_issues("2027-spring-delta", "Design")[0]
    )
    sim.move_to(dt.datetime(2027, 2, 14, 22, 59, tzinfo=dt.UTC))  # Sunday 23:59 in Berlin
    live_w06 = summary_of("2027-W06")

    sim.move_to(at(16))
    sim.review("chen-li", "2027-spring-cirrus", second)
    sim.merge("lena-s", "2027-spring-cirrus", second)
    sim.review("alicia-dev", "2027-spring-aurora", first)
    sim.merge("fatima-z", "2027-spring-aurora", first)
    for number in sim.milestone_issues("2027-spring-delta", "Design"):
        sim.close_issue("omar-h", "2027-spring-delta", number)
    sim.move_to(dt.datetime(2027, 2, 21, 22, 59, tzinfo=dt.UTC))
    live_w07 = summary_of("2027-W07")

    sim.move_to(at(27))
    assert live_w06.live
    assert live_w07.live
    again_w06, again_w07 = summary_of("2027-W06"), summary_of("2027-W07")
    assert not again_w06.live
    assert facts(again_w06) == facts(live_w06)
    assert facts(again_w07) == facts(live_w07)
    assert [p.ref for p in again_w06.teams[2].waiting] == [f"{ORG}/2027-spring-cirrus#{second}"]
    assert again_w06.teams[3].milestones[0].closed == 1


def test_the_mentor_excerpt_in_the_docs_is_what_the_sandbox_rehearsal_prints() -> None:
    """docs/reference/summary.md shows a real excerpt: re-run the rehearsal it describes."""
    import base64

    from tests.conftest import ROOT

    cohort = example_cohort()
    sim, aurora_repo = applied_and_accepted(), "2027-spring-aurora"
    org = sim.org
    sim.move_to(at(8))
    pr = sim.open_pr("fatima-z", aurora_repo, "Event list layout")
    sim.move_to(at(9))
    sim.review("alicia-dev", aurora_repo, pr, "REQUEST_CHANGES")
    sim.move_to(at(15, 9))
    fatima, base = sim.as_("fatima-z"), f"/repos/{ORG}/{aurora_repo}"
    branch = fatima.rest("GET", f"{base}/pulls/{pr}")["head"]["ref"]
    content = base64.b64encode(b"fix\n").decode()
    fatima.rest(
        "PUT",
        f"{base}/contents/src/fix.txt",
        {"message": "Address review", "content": content, "branch": branch},
    )
    sim.move_to(at(16, 14))
    issue = sim.as_("hana-k").rest("POST", f"{base}/issues", {"title": "Stuck on the calendar API"})
    org.client.rest(
        "POST", f"{base}/issues/{issue['number']}/labels", {"labels": ["help-wanted-from-mentor"]}
    )
    sim.move_to(at(18, 16))
    activity = read_activity(org.fresh_client(), cohort, at(1, 0), now=sim.now())
    markdown = render_markdown(summarize(activity, cohort, W07, sim.now()))
    section = markdown[markdown.index("### @alicia-dev") : markdown.index("### @bkumar")]
    docs = (ROOT / "docs" / "reference" / "summary.md").read_text(encoding="utf-8")
    shown = docs[docs.index("```markdown\n### @alicia-dev") + len("```markdown\n") :]
    assert shown[: shown.index("```")].strip() == section.strip()
