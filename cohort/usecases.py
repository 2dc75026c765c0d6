"""Use cases as library functions: they take ports and values and return values.

The CLI commands and the action are glue around these: they parse flags, open a session,
call one function here, print what it returned, and (the action) set step outputs from the
returned value's :meth:`CommandOutcome.outputs`, never from printed text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from cohort.config.model import CohortFile
from cohort.errors import ExitCode
from cohort.github.apply import ApplyReport, apply_cohort, plan_cohort
from cohort.github.executor import Progress
from cohort.github.graduation_io import read_team_facts
from cohort.github.ports import GitHubPort
from cohort.github.post_summary import Posted
from cohort.github.read_activity import read_activity
from cohort.mentoring.archive import archived_desired
from cohort.mentoring.portfolio import Portfolio, portfolios
from cohort.mentoring.report import cohort_report
from cohort.reconcile.model import DesiredState
from cohort.reconcile.plan import Plan
from cohort.reconcile.safety import Allowances, check_safety


class CommandOutcome(Protocol):
    """What a command returns: its exit code and the step outputs the action sets."""

    @property
    def exit_code(self) -> int: ...

    def outputs(self) -> dict[str, str]: ...


@dataclass(frozen=True)
class PlanOutcome:
    plan: Plan
    exit_code: int = int(ExitCode.OK)

    def outputs(self) -> dict[str, str]:
        return {
            "has-changes": "false" if self.plan.empty else "true",
            "plan-digest": self.plan.digest(),
        }


@dataclass(frozen=True)
class ApplyOutcome:
    plan: Plan  # the first plan (what apply checked and ran)
    report: ApplyReport | None  # None: not confirmed, only planned
    exit_code: int = int(ExitCode.OK)

    def outputs(self) -> dict[str, str]:
        return {}  # the action's apply step sets only exit-code


@dataclass(frozen=True)
class SummaryOutcome:
    posted: Posted | None  # None: not posted
    exit_code: int = int(ExitCode.OK)

    def outputs(self) -> dict[str, str]:
        return {"summary-url": self.posted.url if self.posted else ""}


def run_plan(client: GitHubPort, desired: DesiredState) -> Plan:
    """Read the organization and compute the plan (reads only)."""
    return plan_cohort(client, desired)


def run_apply(
    client: GitHubPort,
    desired: DesiredState,
    *,
    allow: Allowances,
    confirm: bool,
    reviewed_digest: str | None = None,
    reviewed_destructive: frozenset[str] | None = None,
    progress: Progress | None = None,
) -> ApplyOutcome:
    """Without ``confirm``, the plan path and the safety check; with it, the apply."""
    if not confirm:
        return ApplyOutcome(check_safety(run_plan(client, desired), allow), None)
    report = apply_cohort(
        client,
        desired,
        allow=allow,
        reviewed_digest=reviewed_digest,
        reviewed_destructive=reviewed_destructive,
        progress=progress,
    )
    return ApplyOutcome(report.first_plan, report)


@dataclass(frozen=True)
class Graduation:
    pages: tuple[Portfolio, ...]
    report: str  # the cohort report, markdown
    archive: ApplyReport | None = None  # None: archiving not asked for, or nothing to archive
    exit_code: int = int(ExitCode.OK)

    def outputs(self) -> dict[str, str]:
        return {}  # not an action command


def run_graduate(
    client: GitHubPort,
    cohort: CohortFile,
    *,
    now: dt.datetime,
    web_url: str,
) -> Graduation:
    """Portfolio pages and the cohort report (reads only)."""
    start = dt.datetime.combine(cohort.calendar.start, dt.time(), dt.UTC)
    activity = read_activity(client, cohort, start, now=now)
    facts = read_team_facts(client, cohort)
    pages = tuple(portfolios(cohort, activity, facts, web_url.rstrip("/")))
    return Graduation(pages, cohort_report(cohort, activity, facts, list(pages)))


def run_archive(
    client: GitHubPort,
    cohort: CohortFile,
    desired: DesiredState,
    *,
    now: dt.datetime,
    allow_archive: bool,
) -> ApplyReport | None:
    """Archive every team repository once the cohort is over (None: not due yet)."""
    wanted = archived_desired(desired, cohort, now.date())
    if wanted is desired:
        return None
    return apply_cohort(client, wanted, allow=Allowances(archive=allow_archive))
