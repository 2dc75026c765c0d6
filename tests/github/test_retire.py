"""A team removed from cohort.yml: shown in the plan, revoked and archived only with the flags."""

from __future__ import annotations

import pytest

from cohort.errors import UnsafePlanError
from cohort.github.apply import apply_cohort, plan_cohort
from cohort.reconcile.safety import Allowances
from tests.conftest import EXAMPLE
from tests.github.orgkit import make_org
from tests.reconcile.helpers import desired_for, example_cohort

ORG = "omp-cohorts"
DELTA = "2027-spring-delta"


def without_delta() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("  - slug: delta")
    text = text[:start] + text[text.index("\nrepositories:") + 1 :]
    for mentee in ("omar-h", "priya-n", "quinn-t"):
        line = next(x for x in text.splitlines(keepends=True) if f"{{handle: {mentee}," in x)
        text = text.replace(line, "")
    return text


def test_a_removed_team_is_planned_then_revoked_and_archived_with_the_flags() -> None:
    cohort = example_cohort()
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.box.accept_invitations("omar-h")
    assert org.box.state.team(ORG, DELTA) is not None
    desired = desired_for(example_cohort(without_delta()))

    plan = plan_cohort(org.client, desired)
    assert [(c.action, c.kind, c.target) for c in plan.changes] == [
        ("remove", "invitation", "priya-n"),
        ("remove", "invitation", "quinn-t"),
        ("remove", "retire", f"{DELTA}/alicia-dev"),
        ("remove", "retire", f"{DELTA}/dfischer"),
        ("remove", "retire", f"{DELTA}/omar-h"),
        ("remove", "retire", f"{DELTA} on {DELTA}"),
        ("archive", "retire", DELTA),
    ]
    with pytest.raises(UnsafePlanError) as refused:
        apply_cohort(org.client, desired, allow=Allowances())
    assert "--allow-removals" in str(refused.value)
    assert "1 repositories would be archived; re-run with --allow-archive" in str(refused.value)
    delta = org.box.state.team(ORG, DELTA)
    assert delta is not None
    assert delta.members  # nothing was written

    apply_cohort(org.client, desired, allow=Allowances(removals=True, archive=True))
    team = org.box.state.team(ORG, DELTA)
    assert team is not None  # never deleted
    assert (team.members, team.pending, team.repos) == ({"ada-organizes": "maintainer"}, {}, {})
    # the token's own login (an organizer) is never removed, like everywhere else
    repo = org.box.state.repos[f"{ORG}/{DELTA}"]
    assert repo.archived
    assert [i.login for i in org.box.state.orgs[ORG].invitations if i.login in ("priya-n",)] == []
    assert plan_cohort(org.client, desired).empty


def test_a_team_without_the_cohorts_marker_is_never_touched() -> None:
    cohort = example_cohort()
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.client.rest("POST", f"/orgs/{ORG}/teams", {"name": "design-guild"})
    org.client.rest("PUT", f"/orgs/{ORG}/teams/design-guild/memberships/bkumar", {"role": "member"})
    assert plan_cohort(org.client, org.desired).empty
