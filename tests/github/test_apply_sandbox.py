"""Plan and apply against the sandbox through the real client: outcomes, counts, idempotence."""

from __future__ import annotations

import math

import pytest

from cohort.errors import UnsafePlanError
from cohort.github.apply import apply_cohort, plan_cohort
from cohort.labels import CATALOGUE
from cohort.reconcile.model import CODEOWNERS_PATH, STAMP_PATH
from cohort.reconcile.safety import Allowances
from tests.conftest import EXAMPLE
from tests.github.orgkit import Org, make_org, snapshot
from tests.reconcile.helpers import desired_for, example_cohort

ORG = "omp-cohorts"


@pytest.fixture
def org() -> Org:
    cohort = example_cohort()
    return make_org(cohort, desired_for(cohort))


def budget(org: Org) -> int:
    """GITHUB.md's optimized sequence: 7 + m + r write requests per team, plus one REST POST
    per mentee for their onboarding issue (``program.onboarding_issues``, on here)."""
    return sum(7 + 2 * len(t.mentees) + len(t.mentors) for t in org.cohort.teams)


def test_cold_apply_creates_every_team_repository_with_its_contents(org: Org) -> None:
    apply_cohort(org.client, org.desired, allow=Allowances())
    state = snapshot(org.box, ORG)
    aurora = state["repos"][f"{ORG}/2027-spring-aurora"]
    assert set(aurora["files"]) == {"README.md", STAMP_PATH, CODEOWNERS_PATH}
    assert aurora["files"][CODEOWNERS_PATH].endswith(b"* @alicia-dev\n")
    names = [name for name, _, _ in aurora["labels"]]
    assert {lb.name for lb in CATALOGUE} <= set(names)
    assert len(names) == len(set(names))
    assert [(t, due) for t, due, _ in aurora["milestones"]] == [
        ("Code", "2027-04-04"),
        ("Deployment", "2027-04-25"),
        ("Design", "2027-02-21"),
    ]
    assert [(title, milestone) for title, _, milestone, _ in aurora["issues"]] == [
        ("Code milestone", "Code"),
        ("Deployment milestone", "Deployment"),
        ("Design milestone", "Design"),
        ("Your first week, fatima-z", "Design"),  # one onboarding issue per mentee
        ("Your first week, gabe-r", "Design"),
        ("Your first week, hana-k", "Design"),
    ]
    assert aurora["rules"] == [("main", True, 1, True)]
    assert aurora["topics"] == ["mentorship", "omp-2027-spring"]
    team = state["teams"]["2027-spring-delta"]
    assert team["repos"] == {f"{ORG}/2027-spring-delta": "push"}
    assert {k: v for k, v in team["members"].items() if k != "ada-organizes"} == {
        "alicia-dev": "maintainer",
        "dfischer": "maintainer",
    }
    assert team["pending"] == {"omar-h": "member", "priya-n": "member", "quinn-t": "member"}
    organizers = state["teams"]["2027-spring-organizers"]
    assert set(organizers["repos"].values()) == {"admin"}
    assert len(organizers["repos"]) == 4


def test_cold_apply_stays_within_seven_plus_m_plus_r_writes_per_team(org: Org) -> None:
    apply_cohort(org.client, org.desired, allow=Allowances())
    assert org.writes() <= budget(org)
    org.box.assert_clean()


def test_second_plan_is_empty_and_second_apply_sends_no_writes(org: Org) -> None:
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.box.reset_log()
    client = org.fresh_client()
    assert plan_cohort(client, org.desired).empty
    report = apply_cohort(client, org.desired, allow=Allowances())
    assert report.applied == []
    assert org.writes() == 0
    teams = len(org.cohort.teams)
    assert org.requests() <= 2 * (math.ceil(teams / 25) + 2)  # two runs: plan, then apply


def test_plan_sends_no_writes(org: Org) -> None:
    plan = plan_cohort(org.client, org.desired)
    assert not plan.empty
    assert org.writes() == 0
    assert org.requests() <= math.ceil(len(org.cohort.teams) / 25) + 2


def test_changing_one_teams_mentors_writes_only_what_changed(org: Org) -> None:
    apply_cohort(org.client, org.desired, allow=Allowances())
    text = (
        EXAMPLE.read_text(encoding="utf-8")
        .replace("mentors: [chen-li]", "mentors: [chen-li, emeka-o]")
        .replace("induction: pending            # fine", "induction: completed  # now")
    )
    desired = desired_for(example_cohort(text))
    org.box.reset_log()
    apply_cohort(org.client, desired, allow=Allowances())
    assert org.writes() == 2  # one membership, one commit of CODEOWNERS
    files = snapshot(org.box, ORG)["repos"][f"{ORG}/2027-spring-cirrus"]["files"]
    assert files[CODEOWNERS_PATH].endswith(b"* @chen-li @emeka-o\n")


def test_removing_most_members_is_refused_before_any_write(org: Org) -> None:
    apply_cohort(org.client, org.desired, allow=Allowances())
    text = EXAMPLE.read_text(encoding="utf-8")
    for team in (
        "[fatima-z, gabe-r, hana-k]",
        "[ivan-p, jules-m, kofi-a]",
        "[lena-s, mateo-g, nia-w]",
        "[omar-h, priya-n, quinn-t]",
    ):
        text = text.replace(f"mentees: {team}", f"mentees: [{team[1 : team.index(',')]}]")
    org.box.reset_log()
    shrunk = desired_for(example_cohort(text))
    state_before = snapshot(org.box, ORG)
    # pending invitations are not members yet: accept them so that removals are real
    for (o, _), github_team in org.box.state.teams.items():
        if o == ORG:
            github_team.members.update(github_team.pending)
            github_team.pending.clear()
    state_before = snapshot(org.box, ORG)
    with pytest.raises(UnsafePlanError, match=r"8 of \d+ managed .* re-run with --allow-removals"):
        apply_cohort(org.client, shrunk, allow=Allowances())
    assert org.writes() == 0
    assert snapshot(org.box, ORG) == state_before


def test_stale_reviewed_plan_with_new_removals_is_refused(org: Org) -> None:
    apply_cohort(org.client, org.desired, allow=Allowances())
    reviewed = plan_cohort(org.client, org.desired)
    team = org.box.state.teams[(ORG, "2027-spring-aurora")]
    team.members["intruder"] = "member"
    org.box.reset_log()
    with pytest.raises(UnsafePlanError, match="changed since the plan was reviewed"):
        apply_cohort(
            org.client,
            org.desired,
            allow=Allowances(removals=True),
            reviewed_digest=reviewed.digest(),
            reviewed_destructive=frozenset(),
        )
    assert org.writes() == 0


def maintain_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8").replace(
        "  removal_limit: 0.25", "  mentor_permission: maintain\n  removal_limit: 0.25"
    )


def test_maintain_for_mentors_is_idempotent_with_pending_invitations() -> None:
    cohort = example_cohort(maintain_text())
    org = make_org(cohort, desired_for(cohort))
    members = org.box.state.orgs[ORG].members
    members.remove("chen-li")  # not an org member yet: the grant is an invitation
    apply_cohort(org.client, org.desired, allow=Allowances())
    repo = org.box.state.repos[f"{ORG}/2027-spring-cirrus"]
    assert [(i.invitee, i.permission) for i in repo.invitations] == [("chen-li", "maintain")]
    assert org.box.state.repos[f"{ORG}/2027-spring-aurora"].collaborators == {
        "alicia-dev": "maintain"
    }
    org.box.reset_log()
    apply_cohort(org.fresh_client(), org.desired, allow=Allowances())
    assert org.writes() == 0


def test_a_former_mentor_loses_the_maintain_grant() -> None:
    cohort = example_cohort(maintain_text())
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    moved = maintain_text().replace("mentors: [dfischer, alicia-dev]", "mentors: [dfischer]")
    apply_cohort(org.client, desired_for(example_cohort(moved)), allow=Allowances())
    assert org.box.state.repos[f"{ORG}/2027-spring-delta"].collaborators == {"dfischer": "maintain"}
