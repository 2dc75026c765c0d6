"""summarize(): per-team, per-mentor and cohort figures of a fixed snapshot."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cohort.config.model import CohortFile
from cohort.summary import Summary, parse_week, summarize
from cohort.summary.activity import Activity, PullRequest
from tests.reconcile.helpers import example_cohort
from tests.summary.fixtures import NOW, snapshot


@pytest.fixture(scope="module")
def cohort() -> CohortFile:
    return example_cohort()


@pytest.fixture(scope="module")
def summary(cohort: CohortFile) -> Summary:
    return summarize(snapshot(), cohort, parse_week("2027-W07"), NOW)


def test_week_is_shown_as_the_cohorts_own_week_and_phase(summary: Summary) -> None:
    assert (summary.week, summary.cohort_week, summary.phase) == ("2027-W07", 3, "design")
    assert str(summary.phase_due) == "2027-02-21"


def test_team_figures_count_only_the_week(summary: Summary) -> None:
    aurora = summary.teams[0]
    assert (aurora.prs_opened, aurora.prs_merged, aurora.commits, aurora.issues_closed) == (
        3,
        1,
        2,
        2,
    )
    assert aurora.first_review_hours == 26.0
    assert [(p.number, p.too_long) for p in aurora.waiting] == [(5, True)]
    assert aurora.contributed == ("fatima-z", "gabe-r", "hana-k")
    assert aurora.silent == ()


def test_milestone_status_follows_the_calendar(summary: Summary) -> None:
    status = {t.slug: [m.status for m in t.milestones] for t in summary.teams if t.found}
    assert status == {
        "aurora": ["on track", "on track", "on track"],
        "borealis": ["at risk", "on track", "on track"],
        "cirrus": ["done", "on track", "on track"],
    }


def test_re_requested_review_waits_since_the_last_mentor_review(summary: Summary) -> None:
    cirrus = summary.teams[2]
    assert [(p.number, round(p.days, 1)) for p in cirrus.waiting] == [(7, 5.2)]
    assert cirrus.contributed == ("lena-s", "mateo-g", "nia-w")


def test_stale_and_missing_teams_come_first(summary: Summary) -> None:
    order = [a.slug for a in summary.attention]
    assert order[:2] == ["delta", "borealis"]
    borealis = summary.attention[1]
    assert "no activity for 15 days" in borealis.reasons
    assert "3 of 3 mentees did not contribute this week" in borealis.reasons


def test_mentors_see_reviews_given_and_pending_requests(summary: Summary) -> None:
    by = {m.handle: m for m in summary.mentors}
    assert (by["alicia-dev"].reviews_given, by["alicia-dev"].teams) == (1, ("aurora", "delta"))
    assert (by["chen-li"].reviews_given, by["chen-li"].pending_requests) == (1, 1)
    assert "emeka-o" not in by


def test_summary_never_counts_what_happens_after_now(cohort: CohortFile) -> None:
    early = summarize(snapshot(), cohort, parse_week("2027-W07"), NOW.replace(day=16, hour=0))
    assert early.teams[0].prs_merged == 0
    assert early.teams[2].commits == 1


def _shouted(activity: Activity) -> Activity:
    """The same activity with every login as GitHub might spell it differently: upper case."""

    def pull(p: PullRequest) -> PullRequest:
        reviews = tuple(replace(r, author=r.author.upper()) for r in p.reviews)
        requested = tuple(x.upper() for x in p.requested)
        return replace(p, author=p.author.upper(), requested=requested, reviews=reviews)

    repos = {
        name: replace(
            r,
            pulls=tuple(pull(p) for p in r.pulls),
            commits=tuple(replace(c, author=c.author and c.author.upper()) for c in r.commits),
        )
        for name, r in activity.repos.items()
    }
    return replace(activity, repos=repos)


def test_logins_are_attributed_whatever_their_case(cohort: CohortFile, summary: Summary) -> None:
    shouted = summarize(_shouted(snapshot()), cohort, parse_week("2027-W07"), NOW)
    assert shouted.mentors == summary.mentors
    assert any(m.reviews_given for m in shouted.mentors)
    assert [t.contributed for t in shouted.teams] == [t.contributed for t in summary.teams]
    waits = [[(p.number, p.days) for p in t.waiting] for t in summary.teams]
    assert [[(p.number, p.days) for p in t.waiting] for t in shouted.teams] == waits
    assert [t.last_activity for t in shouted.teams] == [t.last_activity for t in summary.teams]
