"""Any size converges: past 100 teams every connection is paged and a re-apply writes nothing."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks.generate import cohort_text
from cohort.github.apply import apply_cohort, plan_cohort
from cohort.loading import load_cohort
from cohort.reconcile.safety import Allowances
from cohort.scaffolds import desired_state
from tests.github.orgkit import Org, make_org


def applied_org(tmp: Path, teams: int, *, onboarding: bool = False) -> Org:
    path = tmp / "cohort.yml"
    path.write_text(cohort_text(teams, onboarding=onboarding), encoding="utf-8")
    loaded = load_cohort(path)
    org = make_org(loaded.cohort, desired_state(loaded))
    github_org = org.box.state.orgs["bench-org"]
    github_org.established = True  # 500 invitations a day; issue 15 queues the rest
    github_org.members.extend(m.handle for m in loaded.cohort.mentees[500:])
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.box.assert_clean()
    return org


@pytest.mark.slow
@pytest.mark.parametrize(("teams", "onboarding"), [(101, False), (300, False), (101, True)])
def test_a_cohort_past_one_hundred_teams_converges_in_one_apply(
    tmp_path: Path, teams: int, onboarding: bool
) -> None:
    org = applied_org(tmp_path, teams, onboarding=onboarding)
    assert plan_cohort(org.fresh_client(), org.desired).changes == ()
    if onboarding:  # everyone accepts: one apply assigns every onboarding issue, then nothing
        for mentee in org.cohort.mentees:
            org.box.accept_invitations(mentee.handle)
        plan = plan_cohort(org.fresh_client(), org.desired)
        assert [c.action for c in plan.changes] == ["update"] * len(org.cohort.mentees)
        apply_cohort(org.fresh_client(), org.desired, allow=Allowances())
    org.box.reset_log()
    report = apply_cohort(org.fresh_client(), org.desired, allow=Allowances())
    assert report.applied == []
    assert org.writes() == 0
    assert org.requests() <= 1 + math.ceil(teams / 25) + math.ceil(teams / 100)
