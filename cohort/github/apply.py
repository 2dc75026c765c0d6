"""Apply a cohort: read, plan, check safety, execute; re-read and re-plan after any doubt."""

from __future__ import annotations

from dataclasses import dataclass, field

from cohort.errors import GitHubError
from cohort.github import routes
from cohort.github.executor import Executor, Progress
from cohort.github.ports import GitHubPort
from cohort.github.read_state import READ_NEEDS, read_actual
from cohort.github.writers import write_needs
from cohort.reconcile.model import DesiredState
from cohort.reconcile.plan import Change, Plan
from cohort.reconcile.planner import make_plan
from cohort.reconcile.safety import Allowances, check_reviewed, check_safety

MAX_ROUNDS = 5


@dataclass
class ApplyReport:
    """What an apply did."""

    first_plan: Plan
    applied: list[Change] = field(default_factory=list)
    rounds: int = 0
    recovered: list[str] = field(default_factory=list)  # why a round was re-planned


def required_permissions() -> dict[str, str]:
    """The least permissions an apply needs: from what reading and every writer call."""
    return routes.required_permissions([*write_needs(), *READ_NEEDS])


def plan_cohort(client: GitHubPort, desired: DesiredState) -> Plan:
    """Read the organization and compute the plan (reads only)."""
    return make_plan(desired, read_actual(client, desired))


def apply_cohort(
    client: GitHubPort,
    desired: DesiredState,
    *,
    allow: Allowances,
    reviewed_digest: str | None = None,
    reviewed_destructive: frozenset[str] | None = None,
    progress: Progress | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> ApplyReport:
    """Make the organization match ``desired``; an unknown outcome is re-read, never resent."""
    actual = read_actual(client, desired)
    plan = check_safety(make_plan(desired, actual), allow)
    check_reviewed(plan, reviewed_digest, reviewed_destructive)
    report = ApplyReport(first_plan=plan)
    while not plan.empty:
        report.rounds += 1
        executor = Executor(client, desired, actual, progress, getattr(client, "pacer", None))
        try:
            report.applied += executor.run(plan)
            return report
        except GitHubError as exc:  # OutcomeUnknownError included: re-read, never resend
            report.applied += executor.applied
            if report.rounds >= max_rounds:
                raise GitHubError(f"gave up after {report.rounds} rounds: {exc}") from None
            report.recovered.append(str(exc))
        actual = read_actual(client, desired)
        plan = check_safety(make_plan(desired, actual), allow)
    return report
