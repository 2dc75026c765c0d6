"""Every text mentoring generates, compared with checked-in files (COHORT_REGEN_GOLDEN=1)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

import pytest

from cohort.mentoring.answers import Blocker, Comment, open_blockers
from cohort.mentoring.checkin import build_checkin, closing_note
from cohort.mentoring.cohort_patch import induction_diff, mark_inducted
from cohort.mentoring.evaluations import Submission, expected, reminder_text, schedule
from cohort.mentoring.evaluations import tracking_body as eval_body
from cohort.mentoring.forms import form_files
from cohort.mentoring.induction import (
    InductionIssue,
    default_guide,
    induction_body,
    render_status,
    status_rows,
)
from cohort.mentoring.portfolio import ClosedIssue, TeamFacts, portfolios
from cohort.mentoring.render_portfolio import portfolio_html, portfolio_markdown
from cohort.mentoring.report import CheckInStats, cohort_report
from cohort.summary.activity import Activity, Milestone, PullRequest, RepoActivity, Review
from tests.mentoring.world import GOLDEN, cohort_text
from tests.reconcile.helpers import example_cohort

COHORT = example_cohort(cohort_text())
T0 = dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC)


def _induction() -> str:
    return induction_body(COHORT, COHORT.mentors[-1], default_guide())


def _status() -> str:
    body = _induction().replace("- [ ]", "- [x]", 3)
    return render_status(status_rows(COHORT, [InductionIssue(7, "emeka-o", "open", body)]))


def _diff() -> str:
    text = cohort_text()
    return induction_diff(text, mark_inducted(text, ["emeka-o"]))


def _checkin_first() -> str:
    return build_checkin(COHORT, COHORT.teams[1], 1).body


def _checkin_later() -> str:
    previous = build_checkin(
        COHORT, COHORT.teams[0], 4, blockers=[Blocker("gabe-r", "npm install fails", 3)]
    ).body.replace("- [ ]", "- [x]", 0)
    notes = [
        Comment("fatima-z", "**Where I am blocked**\nThe CI is red."),
        Comment("hana-k", "**Where I am blocked**\nnothing"),
    ]
    blockers = open_blockers(previous, notes, 4)
    return build_checkin(
        COHORT,
        COHORT.teams[0],
        5,
        slot="Tuesdays 18:00 Europe/Berlin",
        blockers=blockers,
        previous=41,
    ).body + closing_note(("fatima-z", "hana-k"), COHORT.teams[0].mentees, 52)


def _forms() -> str:
    return "".join(f"# {path}\n{text}\n" for path, text in form_files().items())


def _evaluation() -> str:
    midpoint = schedule(COHORT)[0]
    rows = expected(
        COHORT, "midpoint", [Submission("fatima-z", ("evaluation: midpoint-mentee",), 9)]
    )
    url = "https://github.com/omp-cohorts/cohort-admin"
    return eval_body(COHORT, midpoint, rows, url) + "\n" + (reminder_text(midpoint, rows) or "")


def _activity() -> tuple[Activity, dict[str, TeamFacts]]:
    pr = PullRequest(
        3,
        "Event list <page>",
        "fatima-z",
        T0,
        merged_at=T0 + dt.timedelta(days=1),
        reviews=(Review("alicia-dev", "APPROVED", T0),),
    )
    other = PullRequest(
        4, "Filter by topic", "gabe-r", T0, reviews=(Review("fatima-z", "COMMENTED", T0),)
    )
    aurora = RepoActivity(
        "2027-spring-aurora", milestones=(Milestone("Design", None, 1, 4),), pulls=(pr, other)
    )
    facts = {
        "aurora": TeamFacts(
            "https://aurora.example.org", (ClosedIssue(2, "Pick colours", ("fatima-z",)),)
        )
    }
    return Activity("omp-cohorts", T0, {"2027-spring-aurora": aurora}), facts


def _portfolio_md() -> str:
    activity, facts = _activity()
    return portfolio_markdown(portfolios(COHORT, activity, facts, "https://github.com")[0])


def _portfolio_html() -> str:
    activity, facts = _activity()
    return portfolio_html(portfolios(COHORT, activity, facts, "https://github.com")[0])


def _report() -> str:
    activity, facts = _activity()
    pages = portfolios(COHORT, activity, facts, "https://github.com")
    return cohort_report(COHORT, activity, facts, pages, {"aurora": CheckInStats(30, 36)})


CASES: dict[str, Callable[[], str]] = {
    "induction-issue.md": _induction,
    "induction-status.txt": _status,
    "induction.diff": _diff,
    "checkin-week1.md": _checkin_first,
    "checkin-week5.md": _checkin_later,
    "evaluation-forms.yml": _forms,
    "evaluation-midpoint.md": _evaluation,
    "portfolio.md": _portfolio_md,
    "portfolio.html": _portfolio_html,
    "report.md": _report,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_generated_text_matches_golden(name: str) -> None:
    text = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("COHORT_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
