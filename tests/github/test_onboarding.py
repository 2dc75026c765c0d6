"""Onboarding issues end to end on the strict sandbox: created once per mentee, assigned as
soon as GitHub allows it (after the invitation is accepted), left to the team when a mentee
leaves, opened again in the new repository when one moves."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import cohort_text
from cohort.github.apply import apply_cohort, plan_cohort
from cohort.github.ids import Ids
from cohort.github.writers import WriteContext
from cohort.github.writers.onboarding import write_onboarding
from cohort.loading import load_cohort
from cohort.reconcile.kinds.onboarding import OnboardingPayload
from cohort.reconcile.model import DesiredState
from cohort.reconcile.plan import Change
from cohort.reconcile.safety import Allowances
from cohort.sandbox.state import Issue
from cohort.scaffolds import desired_state
from tests.github.orgkit import Org, make_org

ORG = "bench-org"
TEAM0 = f"{ORG}/bench-team0"  # web-frontend: mentee0 (an org member), mentee1, mentee2
TEAM1 = f"{ORG}/bench-team1"  # python-api: mentee3, mentee4, mentee5


def desired_from(tmp: Path, text: str) -> DesiredState:
    path = tmp / "cohort.yml"
    path.write_text(text, encoding="utf-8")
    return desired_state(load_cohort(path))


@pytest.fixture
def org(tmp_path: Path) -> Org:
    """Two teams applied cold; mentee0 was an org member already, so is in at once."""
    path = tmp_path / "cohort.yml"
    path.write_text(cohort_text(2, onboarding=True), encoding="utf-8")
    loaded = load_cohort(path)
    made = make_org(loaded.cohort, desired_state(loaded))
    made.box.state.orgs[ORG].members.append("mentee0")
    apply_cohort(made.client, made.desired, allow=Allowances())
    made.box.assert_clean()
    return made


def onboarding(org: Org, repo: str) -> dict[str, Issue]:
    """The repository's onboarding issues by the mentee their title names."""
    issues = org.box.state.repos[repo].issues.values()
    prefix = "Your first week, "
    return {i.title[len(prefix) :].split(":")[0]: i for i in issues if i.title.startswith(prefix)}


def test_a_cold_apply_opens_one_issue_per_mentee_assigned_only_to_who_is_in(org: Org) -> None:
    issues = onboarding(org, TEAM0)
    assert sorted(issues) == ["mentee0", "mentee1", "mentee2"]
    assert {m: i.assignees for m, i in issues.items()} == {
        "mentee0": ["mentee0"],
        "mentee1": [],
        "mentee2": [],
    }
    body = issues["mentee1"].body or ""
    assert body.startswith("Welcome to team **team0**, @mentee1!")
    assert "`npm run check` passes" in body  # the web-frontend template's own check command
    assert "`/mentor`" in body
    assert "@mentor0" in body
    api = onboarding(org, TEAM1)["mentee3"].body or ""
    assert "`python check.py` passes" in api
    assert "api-server --port 8000" in api
    milestone = org.box.state.repos[TEAM0].milestone(issues["mentee0"].milestone or 0)
    assert milestone is not None
    assert milestone.title.startswith("Design")


def test_acceptance_is_followed_by_one_assignment_then_nothing(org: Org) -> None:
    assert plan_cohort(org.client, org.desired).empty  # nobody else can be assigned yet
    org.box.accept_invitations("mentee1")
    plan = plan_cohort(org.client, org.desired)
    number = onboarding(org, TEAM0)["mentee1"].number
    assert [(c.action, c.kind, c.target, c.details) for c in plan.changes] == [
        ("update", "onboarding", "@mentee1", (("assign", f"#{number} → @mentee1"),))
    ]
    before = org.writes()
    apply_cohort(org.client, org.desired, allow=Allowances())
    assert org.writes() - before == 1
    assert onboarding(org, TEAM0)["mentee1"].assignees == ["mentee1"]
    before = org.writes()
    apply_cohort(org.client, org.desired, allow=Allowances())
    assert org.writes() == before


def test_a_mentee_removed_before_accepting_keeps_an_open_issue_and_a_note(
    org: Org, tmp_path: Path
) -> None:
    text = cohort_text(2, onboarding=True).replace(
        "[mentee0, mentee1, mentee2]", "[mentee0, mentee1]"
    )
    text = text.replace("  - {handle: mentee2, name: Mentee 2, level: first-year}\n", "")
    desired = desired_from(tmp_path, text)
    plan = plan_cohort(org.client, desired)
    number = onboarding(org, TEAM0)["mentee2"].number
    assert [(c.action, c.kind, c.target) for c in plan.changes] == [
        ("remove", "invitation", "mentee2")
    ]
    note = (
        f"team team0: onboarding issue #{number} of mentee2, who is no longer a mentee of the "
        "team, is still open in bench-team0; cohort leaves it to the team (close it with a "
        "comment if they left)"
    )
    assert plan.notes == (note,)
    apply_cohort(org.client, desired, allow=Allowances(removals=True))
    assert onboarding(org, TEAM0)["mentee2"].state == "open"
    assert plan_cohort(org.client, desired).notes == (note,)


def test_a_mentee_who_moves_gets_an_issue_in_the_new_repository(org: Org, tmp_path: Path) -> None:
    text = (
        cohort_text(2, onboarding=True)
        .replace("[mentee0, mentee1, mentee2]", "[mentee1, mentee2]")
        .replace("[mentee3, mentee4, mentee5]", "[mentee3, mentee4, mentee5, mentee0]")
    )
    desired = desired_from(tmp_path, text)
    plan = plan_cohort(org.client, desired)
    assert [(c.action, c.kind, c.target) for c in plan.changes if c.kind == "onboarding"] == [
        ("create", "onboarding", "@mentee0")
    ]
    apply_cohort(org.client, desired, allow=Allowances(removals=True))
    assert onboarding(org, TEAM1)["mentee0"].state == "open"
    # mentee0 joined team1 during that apply (an org member: at once), so the next run assigns
    apply_cohort(org.client, desired, allow=Allowances(removals=True))
    assert onboarding(org, TEAM1)["mentee0"].assignees == ["mentee0"]
    assert plan_cohort(org.client, desired).changes == ()


def test_switched_off_there_are_none(tmp_path: Path) -> None:
    path = tmp_path / "cohort.yml"
    path.write_text(cohort_text(1), encoding="utf-8")
    loaded = load_cohort(path)
    made = make_org(loaded.cohort, desired_state(loaded))
    apply_cohort(made.client, made.desired, allow=Allowances())
    assert onboarding(made, TEAM0) == {}


def test_an_assignee_github_refuses_is_left_for_a_later_run(org: Org) -> None:
    """Should an assignment be predicted wrongly, GitHub's 422 costs one more write, no issue."""
    payload = OnboardingPayload(
        repo="bench-team0",
        key="bench/team0/onboarding/extra",
        login="mentee2",  # invited, not accepted: GitHub refuses them as assignee
        assign=True,
        title="Extra",
        body="Hello",
        milestone="Design",
        labels=(),
    )
    change = Change(
        kind="onboarding",
        action="create",
        repo="bench-team0",
        team="team0",
        target="@mentee2",
        payload=payload,
    )
    done: list[Change] = []
    before = len(org.box.log)
    write_onboarding([change], WriteContext(org.client, org.desired, Ids(), done.append))
    assert [r.status for r in org.box.log[before:]] == [422, 201]
    made = [i for i in org.box.state.repos[TEAM0].issues.values() if i.title == "Extra"]
    assert [(i.body, i.assignees) for i in made] == [("Hello", [])]
    assert done == [change]


def test_onboarding_issues_come_after_pages_and_count_as_created_content(org: Org) -> None:
    """One pass: Pages is on and the milestones exist before a repository's first onboarding
    issue (team access too, or the first could not be assigned), protection exists after the
    same apply; each issue is a content-creating write for GitHub's caps."""
    log = org.box.log
    posts = [
        i
        for i, r in enumerate(log)
        if r.method == "POST" and r.path == f"/repos/{TEAM0}/issues" and r.status == 201
    ]
    pages = [
        i for i, r in enumerate(log) if r.method == "POST" and r.path == f"/repos/{TEAM0}/pages"
    ]
    milestones = [i for i, r in enumerate(log) if r.path == f"/repos/{TEAM0}/milestones"]
    assert len(posts) == 3
    assert len(pages) == 1
    assert max(pages + milestones) < min(posts)
    assert all(log[i].content_created == 1 for i in posts)
    rule = org.box.state.repos[TEAM0].rule_for("main")
    assert rule is not None  # branch protection was made in the same (first) apply
