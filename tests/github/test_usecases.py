"""Use cases return values: apply without confirm is the plan path and writes nothing."""

from __future__ import annotations

import pytest

from cohort.errors import UnsafePlanError
from cohort.reconcile.safety import Allowances
from cohort.usecases import run_apply, run_plan
from tests.github.orgkit import Org, make_org
from tests.reconcile.helpers import desired_for, example_cohort


@pytest.fixture
def org() -> Org:
    cohort = example_cohort()
    return make_org(cohort, desired_for(cohort))


def test_apply_without_confirm_returns_the_plan_and_writes_nothing(org: Org) -> None:
    planned = run_apply(org.client, org.desired, allow=Allowances(), confirm=False)
    assert planned.report is None
    assert planned.plan == run_plan(org.client, org.desired)
    assert planned.plan.digest() == run_plan(org.client, org.desired).digest()
    assert org.writes() == 0


def test_apply_with_confirm_returns_its_report_and_then_the_plan_is_empty(org: Org) -> None:
    done = run_apply(org.client, org.desired, allow=Allowances(), confirm=True)
    assert done.report is not None
    assert len(done.report.applied) == len(done.plan.changes)
    assert run_plan(org.client, org.desired).empty


def test_apply_without_confirm_still_checks_safety(org: Org) -> None:
    run_apply(org.client, org.desired, allow=Allowances(), confirm=True)
    fewer = desired_for(example_cohort())
    for team in fewer.teams.values():
        team.members.clear()  # every membership would be removed
    with pytest.raises(UnsafePlanError):
        run_apply(org.client, fewer, allow=Allowances(), confirm=False)
