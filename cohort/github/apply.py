"""Apply a cohort: read, plan, check safety, execute; re-read and re-plan after any doubt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

from cohort.clock import Clock, SystemClock
from cohort.errors import GitHubError
from cohort.github import routes
from cohort.github.executor import Executor, Progress
from cohort.github.invitations_io import quota_frees
from cohort.github.ports import GitHubPort
from cohort.github.read_state import READ_NEEDS, read_actual
from cohort.github.writers import write_needs
from cohort.reconcile.model import DesiredState
from cohort.reconcile.plan import Change, Plan
from cohort.reconcile.planner import make_plan
from cohort.reconcile.prerequisites import (
    fine_grained_note,
    missing_scopes,
    needs,
    refuse_classic,
)
from cohort.reconcile.safety import Allowances, check_reviewed, check_safety

MAX_ROUNDS = 5


@dataclass
class ApplyReport:
    """What an apply did."""

    first_plan: Plan
    applied: list[Change] = field(default_factory=list)
    rounds: int = 0
    recovered: list[str] = field(default_factory=list)  # why a round was re-planned
    queued: list[Change] = field(default_factory=list)  # invitations over GitHub's daily quota
    quota_frees: dt.datetime | None = None  # when the next invitation can go out (estimate)
    notes: list[str] = field(default_factory=list)  # for people: what to check by hand


def required_permissions() -> dict[str, str]:
    """The least permissions an apply needs: from what reading and every writer call."""
    return routes.required_permissions([*write_needs(), *READ_NEEDS])


@runtime_checkable
class TokenFacts(Protocol):
    """What a client can tell about its own token and time (the concrete Client can)."""

    @property
    def clock(self) -> Clock: ...
    @property
    def fine_grained(self) -> bool: ...
    def token_scopes(self) -> frozenset[str] | None: ...


def _queued(client: GitHubPort, org: str, report: ApplyReport, queued: list[Change]) -> ApplyReport:
    """Note the invitations GitHub did not take today, and when its quota frees again."""
    if queued:
        report.queued = list(queued)
        clock = client.clock if isinstance(client, TokenFacts) else SystemClock()
        now = dt.datetime.fromtimestamp(clock.wall(), dt.UTC)
        report.quota_frees = quota_frees(client, org, now)
    return report


def check_token(client: GitHubPort, plan: Plan) -> list[str]:
    """Refuse, before the first write, a classic token without a scope the plan needs.

    App installation tokens are checked when minted; a fine-grained token cannot be
    inspected, so the permissions to check by hand come back as a note.
    """
    if not isinstance(client, TokenFacts):
        return []
    wanted = needs(plan)
    scopes = client.token_scopes()
    if scopes is not None:
        missing = missing_scopes(wanted, scopes)
        if missing:
            raise refuse_classic(missing)
        return []
    if client.fine_grained:
        return [fine_grained_note(wanted)]
    return []


def plan_cohort(
    client: GitHubPort, desired: DesiredState, *, only: Collection[str] | None = None
) -> Plan:
    """Read the organization and compute the plan (reads only), narrowed to kinds ``only``."""
    return narrowed(make_plan(desired, read_actual(client, desired)), only)


def narrowed(plan: Plan, only: Collection[str] | None) -> Plan:
    """The plan with just the changes of the given kinds (all of them for None)."""
    if only is None:
        return plan
    return replace(plan, changes=tuple(c for c in plan.changes if c.kind in only))


def apply_cohort(
    client: GitHubPort,
    desired: DesiredState,
    *,
    allow: Allowances,
    reviewed_digest: str | None = None,
    reviewed_destructive: frozenset[str] | None = None,
    progress: Progress | None = None,
    max_rounds: int = MAX_ROUNDS,
    only: Collection[str] | None = None,
) -> ApplyReport:
    """Make the organization match ``desired``; an unknown outcome is re-read, never resent.

    ``only`` narrows every round's plan to those kinds (graduation archives and nothing else).
    """
    actual = read_actual(client, desired)
    plan = check_safety(narrowed(make_plan(desired, actual), only), allow)
    check_reviewed(plan, reviewed_digest, reviewed_destructive)
    report = ApplyReport(first_plan=plan)
    if not plan.empty:
        report.notes += check_token(client, plan)
    while not plan.empty:
        report.rounds += 1
        executor = Executor(client, desired, actual, progress, getattr(client, "pacer", None))
        try:
            report.applied += executor.run(plan)
            return _queued(client, desired.org, report, executor.context.queued)
        except GitHubError as exc:  # OutcomeUnknownError included: re-read, never resend
            report.applied += executor.applied
            if report.rounds >= max_rounds:
                raise GitHubError(f"gave up after {report.rounds} rounds: {exc}") from None
            report.recovered.append(str(exc))
        actual = read_actual(client, desired)
        plan = check_safety(narrowed(make_plan(desired, actual), only), allow)
    return report
