"""Safety valves on the plan: refuse mass removals, archiving and publishing without a flag."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.errors import UnsafePlanError
from cohort.reconcile.plan import Plan


@dataclass(frozen=True)
class Allowances:
    """What the person explicitly allowed on the command line."""

    removals: bool = False
    archive: bool = False
    publish: bool = False
    removal_limit: float = 0.25


def check_safety(plan: Plan, allow: Allowances) -> Plan:
    """Return the plan unchanged, or raise UnsafePlanError with the numbers and the flag."""
    reasons = []
    removals = [c for c in plan.changes if c.action == "remove"]
    if removals and not allow.removals:
        base = max(plan.managed_access, 1)
        share = len(removals) / base
        if share > allow.removal_limit:
            reasons.append(
                f"{len(removals)} of {base} managed memberships and grants "
                f"({share:.1%}) would be removed; limit is {allow.removal_limit:.0%}; "
                "re-run with --allow-removals"
            )
    archives = [c for c in plan.changes if c.action == "archive"]
    if archives and not allow.archive:
        reasons.append(
            f"{len(archives)} repositories would be archived; re-run with --allow-archive"
        )
    publish = plan.publishing()
    if publish and not allow.publish:
        names = ", ".join(c.target for c in publish)
        reasons.append(
            f"{len(publish)} private repositories would become public ({names}); "
            "re-run with --allow-publish"
        )
    if reasons:
        raise UnsafePlanError(reasons)
    return plan


def check_reviewed(
    plan: Plan, reviewed_digest: str | None, reviewed_destructive: frozenset[str] | None = None
) -> None:
    """Refuse destructive changes the reviewed plan did not show (stale-plan check)."""
    if reviewed_digest is None or plan.digest() == reviewed_digest:
        return
    known = reviewed_destructive or frozenset()
    new = [c for c in plan.destructive() if c.key() not in known]
    if new:
        listed = "; ".join(f"{c.action} {c.kind} {c.target}" for c in new[:5])
        raise UnsafePlanError(
            [
                "the organization changed since the plan was reviewed (digest "
                f"{reviewed_digest[:12]} ≠ {plan.digest()[:12]}) and {len(new)} destructive "
                "change(s) were not in it: "
                f"{listed}; re-run plan and review again"
            ]
        )
