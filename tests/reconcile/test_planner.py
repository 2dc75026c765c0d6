"""make_plan: cold plans, no-op plans, minimal changes, unmanaged things left alone."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from cohort.reconcile.model import CODEOWNERS_PATH, ActualState
from cohort.reconcile.planner import make_plan
from tests.reconcile.helpers import desired_for, example_cohort, matching_actual


def empty_actual(org: str) -> ActualState:
    return ActualState(org, "ada-organizes", "", {}, {})


def test_cold_plan_creates_every_kind_for_every_team() -> None:
    desired = desired_for(example_cohort())
    plan = make_plan(desired, empty_actual(desired.org))
    kinds = Counter((c.kind, c.action) for c in plan.changes)
    assert kinds[("team", "create")] == 5  # four teams and the organizers' team
    assert kinds[("repo", "create")] == 4
    assert kinds[("milestone", "create")] == 12
    assert kinds[("files", "create")] == 4
    assert kinds[("issue", "create")] == 12
    assert kinds[("protection", "create")] == 4
    assert kinds[("team-repo", "create")] == 8  # team push + organizers admin per repo
    assert kinds[("team-member", "create")] == 12 + 5 + 2  # mentees, mentor seats, organizers


def test_matching_organization_gives_an_empty_plan() -> None:
    desired = desired_for(example_cohort())
    assert make_plan(desired, matching_actual(desired)).empty


def test_changing_one_teams_mentors_changes_only_that_team() -> None:
    cohort = example_cohort()
    before = matching_actual(desired_for(cohort))
    text = (cohort_text := _example_text()).replace(
        "mentors: [chen-li]", "mentors: [chen-li, emeka-o]"
    )
    text = text.replace("induction: pending            # fine", "induction: completed  # now")
    plan = make_plan(desired_for(example_cohort(text)), before)
    assert cohort_text != text
    assert {(c.kind, c.action, c.target) for c in plan.changes} == {
        ("team-member", "create", "2027-spring-cirrus/emeka-o"),
        ("files", "update", CODEOWNERS_PATH),
    }


def test_members_the_cohort_does_not_name_are_removed_but_organizers_and_viewer_stay() -> None:
    desired = desired_for(example_cohort())
    actual = matching_actual(desired)
    team = actual.teams["2027-spring-aurora"]
    assert team is not None
    team.members.update(
        {"stranger": "member", "ada-organizes": "maintainer", "grace-runs-it": "member"}
    )
    plan = make_plan(desired, actual)
    assert [(c.action, c.target) for c in plan.changes] == [
        ("remove", "2027-spring-aurora/stranger")
    ]


def test_pending_invitations_count_as_present() -> None:
    desired = desired_for(example_cohort())
    actual = matching_actual(desired)
    team = actual.teams["2027-spring-aurora"]
    assert team is not None
    del team.members["fatima-z"]
    team.pending.add("fatima-z")
    assert make_plan(desired, actual).empty


def test_scaffold_is_written_once_then_only_codeowners_is_managed() -> None:
    desired = desired_for(example_cohort())
    actual = matching_actual(desired)
    repo = actual.repos["2027-spring-aurora"]
    assert repo is not None
    repo.file_oids["README.md"] = "f" * 40  # the team rewrote their README
    assert make_plan(desired, actual).empty
    repo.file_oids[CODEOWNERS_PATH] = "e" * 40
    assert [c.target for c in make_plan(desired, actual).changes] == [CODEOWNERS_PATH]


def test_labels_and_milestones_the_cohort_does_not_name_are_left_alone() -> None:
    desired = desired_for(example_cohort())
    actual = matching_actual(desired)
    repo = actual.repos["2027-spring-aurora"]
    assert repo is not None
    from cohort.reconcile.model import Label, Milestone

    repo.labels["bug"] = ("L_bug", Label("bug", "d73a4a", "Something isn't working"))
    repo.milestones["Stretch"] = (9, "M_s", Milestone("Stretch", "", ""))
    assert make_plan(desired, actual).empty


def test_milestone_due_date_drift_is_planned_as_an_update() -> None:
    desired = desired_for(example_cohort())
    actual = matching_actual(desired)
    repo = actual.repos["2027-spring-aurora"]
    assert repo is not None
    number, node, old = repo.milestones["Code"]
    from dataclasses import replace

    repo.milestones["Code"] = (number, node, replace(old, due_on="2030-01-01"))
    plan = make_plan(desired, actual)
    assert [(c.kind, c.action, c.details) for c in plan.changes] == [
        ("milestone", "update", (("due", f"2030-01-01 → {old.due_on}"),))
    ]


def _example_text() -> str:
    from tests.conftest import EXAMPLE

    return EXAMPLE.read_text(encoding="utf-8")


def test_a_due_date_one_day_off_is_not_drift() -> None:
    import datetime as dt
    from dataclasses import replace

    desired = desired_for(example_cohort())
    actual = matching_actual(desired)
    repo = actual.repos["2027-spring-aurora"]
    assert repo is not None
    number, node, old = repo.milestones["Code"]
    shifted = (dt.date.fromisoformat(old.due_on) - dt.timedelta(days=1)).isoformat()
    repo.milestones["Code"] = (number, node, replace(old, due_on=shifted))
    assert make_plan(desired, actual).empty


def test_a_pending_collaborator_invitation_counts_as_the_grant() -> None:
    text = _example_text().replace(
        "  removal_limit: 0.25", "  mentor_permission: maintain\n  removal_limit: 0.25"
    )
    desired = desired_for(example_cohort(text))
    actual = matching_actual(desired)
    repo = actual.repos["2027-spring-cirrus"]
    assert repo is not None
    actual.repos["2027-spring-cirrus"] = replace(
        repo,
        pending_collaborators=repo.collaborators,
        collaborators={"outside-helper": "push"},  # not a mentor: left alone
    )
    assert make_plan(desired, actual).empty
