"""The onboarding differ: create once per mentee, assign when GitHub allows it, note leavers."""

from __future__ import annotations

from dataclasses import replace

from cohort.reconcile.kinds.onboarding import diff_onboarding
from cohort.reconcile.model import ActualState, DesiredState, IssueFacts
from cohort.reconcile.planner import make_plan
from tests.reconcile.helpers import desired_for, example_cohort, matching_actual

REPO = "2027-spring-aurora"
TEAM = "2027-spring-aurora"
KEY = "2027-spring/aurora/onboarding/gabe-r"


def test_a_cold_plan_assigns_at_creation_only_org_members() -> None:
    desired = desired_for(example_cohort())
    cold = ActualState(desired.org, "ada-organizes", "", {}, {}, frozenset({"gabe-r", "x"}))
    found = [
        (c.action, c.target, c.details) for c in diff_onboarding(desired, cold) if c.repo == REPO
    ]
    assert found == [
        ("create", "@fatima-z", (("assign", "once they accept; mentioned until then"),)),
        ("create", "@gabe-r", (("assign", "@gabe-r"),)),
        ("create", "@hana-k", (("assign", "once they accept; mentioned until then"),)),
    ]


def _unassigned(*, open_: bool) -> tuple[DesiredState, ActualState]:
    """The example cohort applied, gabe-r's onboarding issue open (or closed) and unassigned."""
    desired = desired_for(example_cohort())
    actual = matching_actual(desired)
    repo = actual.repos[REPO]
    assert repo is not None
    facts = {**repo.issue_facts, KEY: IssueFacts(open_, frozenset())}
    actual.repos[REPO] = replace(repo, issue_facts=facts)
    return desired, actual


def test_an_open_unassigned_issue_is_assigned_once_its_mentee_is_in_the_team() -> None:
    desired, actual = _unassigned(open_=True)
    repo = actual.repos[REPO]
    assert repo is not None
    number = repo.issues[KEY][0]
    changes = diff_onboarding(desired, actual)
    assert [(c.action, c.target, c.details) for c in changes] == [
        ("update", "@gabe-r", (("assign", f"#{number} → @gabe-r"),))
    ]
    team = actual.teams[TEAM]
    assert team is not None
    members = {k: v for k, v in team.members.items() if k != "gabe-r"}
    actual.teams[TEAM] = replace(team, members=members, pending={"gabe-r"})
    assert diff_onboarding(desired, actual) == []  # invited, not accepted: mentioned only


def test_a_closed_issue_is_left_alone() -> None:
    desired, actual = _unassigned(open_=False)
    assert diff_onboarding(desired, actual) == []


def test_an_open_issue_of_someone_who_left_is_a_note_not_a_change() -> None:
    before = desired_for(example_cohort())
    actual = matching_actual(before)
    text = example_cohort().model_dump(mode="json")
    aurora = next(t for t in text["teams"] if t["slug"] == "aurora")
    aurora["mentees"] = ["fatima-z", "hana-k"]
    after = desired_for(type(example_cohort()).model_validate(text))
    plan = make_plan(after, actual)
    assert [c.kind for c in plan.changes] == ["team-member"]  # gabe-r leaves the team
    repo = actual.repos[REPO]
    assert repo is not None
    assert plan.notes == (
        f"team aurora: onboarding issue #{repo.issues[KEY][0]} of gabe-r, who is no longer a "
        f"mentee of the team, is still open in {REPO}; cohort leaves it to the team (close it "
        "with a comment if they left)",
    )


def test_switched_off_nothing_is_planned_or_noted() -> None:
    cohort = example_cohort()
    off = cohort.model_copy(
        update={"program": cohort.program.model_copy(update={"onboarding_issues": False})}
    )
    desired = desired_for(off)
    assert all(r.onboarding is None for r in desired.repos.values())
    empty = ActualState(desired.org, "ada-organizes", "", {}, {})
    assert diff_onboarding(desired, empty) == []
    assert make_plan(desired, matching_actual(desired_for(cohort))).notes == ()
