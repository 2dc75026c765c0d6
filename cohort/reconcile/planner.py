"""make_plan: run every registered kind's differ over desired and actual state, in kind order."""

from __future__ import annotations

from cohort.reconcile.kinds import kinds
from cohort.reconcile.kinds.onboarding import departed_notes
from cohort.reconcile.model import ActualState, DesiredState
from cohort.reconcile.plan import Change, Plan

PAID_FEATURES_NOTE = (
    "organization '{org}' is on the free plan: branch protection and CODEOWNERS reviews are "
    "not available on private repositories ({repos}), so cohort leaves it unmanaged there; "
    "make them public or upgrade the plan"
)


def make_plan(desired: DesiredState, actual: ActualState) -> Plan:
    """The changes that make ``actual`` match ``desired`` (unmanaged things are left alone)."""
    changes: list[Change] = []
    managed = 0
    for spec in kinds():
        found = spec.diff(desired, actual)
        wrong = [c for c in found if c.kind != spec.name or not isinstance(c.payload, spec.payload)]
        if wrong:
            raise AssertionError(
                f"the {spec.name} differ planned a {wrong[0].kind} change "
                f"carrying {type(wrong[0].payload).__name__}"
            )
        changes += found
        managed += spec.managed(desired)
    return Plan(desired.org, tuple(changes), tuple(_notes(desired, actual)), managed)


def _notes(desired: DesiredState, actual: ActualState) -> list[str]:
    notes = []
    private = sorted(
        n for n, r in desired.repos.items() if r.visibility != "public" and r.protection is not None
    )
    if actual.plan == "free" and private:
        more = f" and {len(private) - 3} more" if len(private) > 3 else ""
        shown = ", ".join(private[:3]) + more
        notes.append(PAID_FEATURES_NOTE.format(org=desired.org, repos=shown))
    return notes + departed_notes(desired, actual)
