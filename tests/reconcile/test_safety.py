"""Safety valves refuse mass removals, archiving, publishing and unreviewed destruction."""

from __future__ import annotations

import pytest

from cohort.errors import UnsafePlanError
from cohort.reconcile.plan import Change, Plan
from cohort.reconcile.safety import Allowances, check_reviewed, check_safety


def removals(n: int, managed: int) -> Plan:
    changes = tuple(
        Change(
            kind="team-member",
            action="remove",
            repo=None,
            team="t",
            target=f"team/u{i}",
            destructive=True,
        )
        for i in range(n)
    )
    return Plan("org", changes, managed_access=managed)


def test_removal_over_threshold_is_refused_with_the_numbers() -> None:
    with pytest.raises(UnsafePlanError) as info:
        check_safety(removals(3, 8), Allowances())
    assert str(info.value) == (
        "3 of 8 managed memberships and grants (37.5%) would be removed; limit is 25%; "
        "re-run with --allow-removals"
    )


def test_removal_under_threshold_passes() -> None:
    plan = removals(2, 8)
    assert check_safety(plan, Allowances()) is plan


def test_removal_over_threshold_passes_with_the_flag() -> None:
    plan = removals(8, 8)
    assert check_safety(plan, Allowances(removals=True)) is plan


def test_archiving_needs_its_flag() -> None:
    plan = Plan(
        "org",
        (
            Change(
                kind="archive", action="archive", repo="r", team="t", target="r", destructive=True
            ),
        ),
    )
    with pytest.raises(UnsafePlanError, match="1 repositories would be archived"):
        check_safety(plan, Allowances())
    assert check_safety(plan, Allowances(archive=True)) is plan


def test_publishing_a_private_repository_needs_its_flag() -> None:
    change = Change(
        kind="repo",
        action="update",
        repo="r",
        team="t",
        target="r",
        details=(("visibility", "private → public"),),
        destructive=True,
        publishes=True,
    )
    plan = Plan("org", (change,))
    with pytest.raises(UnsafePlanError, match="--allow-publish"):
        check_safety(plan, Allowances())


def test_stale_plan_with_new_destructive_change_is_refused() -> None:
    reviewed = removals(1, 8)
    now = removals(2, 8)
    with pytest.raises(UnsafePlanError, match="1 destructive change"):
        check_reviewed(now, reviewed.digest(), frozenset(c.key() for c in reviewed.destructive()))


def test_stale_plan_with_only_new_additions_is_accepted() -> None:
    reviewed = removals(1, 8)
    now = Plan(
        "org",
        (*reviewed.changes, Change(kind="label", action="create", repo="r", team="t", target="x")),
    )
    check_reviewed(now, reviewed.digest(), frozenset(c.key() for c in reviewed.destructive()))
