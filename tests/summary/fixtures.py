"""A fixed activity snapshot of the example cohort in 2027-W07 (cohort week 3, design phase)."""

from __future__ import annotations

import datetime as dt

from cohort.summary.activity import (
    Activity,
    Commit,
    Invitation,
    Issue,
    Milestone,
    PullRequest,
    RepoActivity,
    Review,
)

NOW = dt.datetime(2027, 2, 21, 12, 0, tzinfo=dt.UTC)
ORG = "omp-cohorts"


def at(day: int, hour: int = 10, month: int = 2) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, 0, tzinfo=dt.UTC)


def milestones(design: tuple[int, int], code: tuple[int, int] = (2, 0)) -> tuple[Milestone, ...]:
    return (
        Milestone("Design", dt.date(2027, 2, 21), *design),
        Milestone("Code", dt.date(2027, 4, 4), *code),
        Milestone("Deployment", dt.date(2027, 4, 25), 1, 0),
    )


def aurora() -> RepoActivity:
    return RepoActivity(
        name="2027-spring-aurora",
        milestones=milestones((1, 2)),
        issues=(
            Issue(1, "Design milestone", at(1), at(16), "Design"),
            Issue(2, "Wireframes", at(1), at(18), "Design"),
            Issue(3, "Accessibility plan", at(1), None, "Design"),
        ),
        pulls=(
            PullRequest(
                4,
                "Event list layout",
                "fatima-z",
                at(15, 9),
                at(16, 12),
                at(16, 12),
                reviews=(Review("alicia-dev", "APPROVED", at(16, 11)),),
            ),
            PullRequest(5, "Filter by topic", "gabe-r", at(17, 9)),
            PullRequest(6, "WIP calendar export", "hana-k", at(19, 9), draft=True),
        ),
        commits=(
            Commit("a" * 40, "fatima-z", at(16, 12)),
            Commit("b" * 40, "gabe-r", at(18, 15)),
            Commit("c" * 40, "ada-organizes", at(1, 8)),
        ),
    )


def borealis() -> RepoActivity:
    return RepoActivity(
        name="2027-spring-borealis",
        milestones=milestones((3, 0)),
        issues=tuple(Issue(n, f"Issue {n}", at(1), None, "Design") for n in (1, 2, 3)),
        commits=(Commit("d" * 40, "ivan-p", at(5, 17)),),
    )


def cirrus() -> RepoActivity:
    return RepoActivity(
        name="2027-spring-cirrus",
        milestones=milestones((0, 3), code=(1, 1)),
        issues=(
            Issue(1, "Design milestone", at(1), at(10), "Design"),
            Issue(2, "Data sources", at(1), at(12), "Design"),
            Issue(3, "Report outline", at(1), at(15), "Design"),
            Issue(4, "Pipeline", at(1), at(19), "Code"),
        ),
        pulls=(
            PullRequest(
                7,
                "Load sensor data",
                "lena-s",
                at(15, 8),
                requested=("chen-li",),
                reviews=(
                    Review("chen-li", "CHANGES_REQUESTED", at(16, 8)),
                    Review("mateo-g", "COMMENTED", at(16, 9)),
                ),
            ),
        ),
        commits=(
            Commit("e" * 40, "lena-s", at(15, 8)),
            Commit("f" * 40, "nia-w", at(20, 8)),
            Commit("0" * 40, "lena-s", at(22, 8)),
        ),
    )


def snapshot() -> Activity:
    repos = [aurora(), borealis(), cirrus()]
    pending = (Invitation("ivan-p", at(16, 9)),)  # sent again: pending
    gone = "Invitation expired"
    failed = (
        Invitation("Hana-K", at(1), at(8), gone),
        Invitation("ivan-p", at(2), at(9), gone),
        Invitation("jules-m", at(3), at(10), gone),
        Invitation("someone-else", at(3), at(10), gone),
    )
    members = ("jules-m",)  # accepted a later invitation
    return Activity(ORG, NOW, {r.name: r for r in repos}, pending, failed, members)
