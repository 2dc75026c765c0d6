"""R2: from states that drift in every managed kind, apply then plan is empty, and stays so."""

from __future__ import annotations

import base64
from collections.abc import Callable

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cohort.github.apply import apply_cohort, plan_cohort
from cohort.reconcile.model import CODEOWNERS_PATH
from cohort.reconcile.safety import Allowances
from tests.github.orgkit import Org, make_org
from tests.reconcile.helpers import desired_for, example_cohort

ORG = "prop-org"


def cohort_text(teams: int, mentors_per_team: int, visibility: str) -> str:
    mentors = [f"m{i}" for i in range(teams * mentors_per_team)]
    lines = [
        "version: 1",
        f"program: {{name: Prop, cohort: prop, organization: {ORG}}}",
        "calendar: {start: 2027-02-01, weeks: 12}",
        "organizers: [org-owner]",
        f"repositories: {{visibility: {visibility}}}",
        "projects: [{id: p, title: P, brief: B., template: web-frontend}]",
        "mentors:",
        *[f"  - {{handle: {m}, name: {m}, capacity: 1, induction: completed}}" for m in mentors],
        "mentees:",
        *[f"  - {{handle: e{i}, name: e{i}, level: senior}}" for i in range(teams * 2)],
        "teams:",
    ]
    for t in range(teams):
        team_mentors = ", ".join(mentors[t * mentors_per_team : (t + 1) * mentors_per_team])
        lines.append(
            f"  - {{slug: t{t}, project: p, mentees: [e{2 * t}, e{2 * t + 1}], "
            f"mentors: [{team_mentors}]}}"
        )
    return "\n".join(lines) + "\n"


def repo0(org: Org) -> object:
    return org.box.state.repos[f"{ORG}/prop-t0"]


def drift_label(org: Org) -> None:
    repo = repo0(org)
    repo.labels[0].color = "000000"  # type: ignore[attr-defined]
    del repo.labels[-1]  # type: ignore[attr-defined]


def drift_milestone(org: Org) -> None:
    milestone = repo0(org).milestones[0]  # type: ignore[attr-defined]
    milestone.due_on = "2031-01-01T12:00:00Z"


def drift_issue(org: Org) -> None:
    issues = repo0(org).issues  # type: ignore[attr-defined]
    issues.pop(min(n for n, i in issues.items() if i.pull is None))


def drift_codeowners(org: Org) -> None:
    path = f"/repos/{ORG}/prop-t0/contents/{CODEOWNERS_PATH}"
    sha = org.client.rest("GET", path)["sha"]
    org.client.rest(
        "PUT",
        path,
        {"message": "edit", "sha": sha, "content": base64.b64encode(b"* @someone\n").decode()},
    )


def drift_members(org: Org) -> None:
    team = org.box.state.teams[(ORG, "prop-t0")]
    mentor = next(k for k, v in team.members.items() if v == "maintainer" and k != "org-owner")
    team.members[mentor] = "member"
    team.pending.clear()


def drift_team_repo(org: Org) -> None:
    team = org.box.state.teams[(ORG, "prop-t0")]
    team.repos[f"{ORG}/prop-t0"] = "pull"


def drift_protection(org: Org) -> None:
    for rule in repo0(org).rules:  # type: ignore[attr-defined]
        rule.requires_code_owner_reviews = False


def drift_repo(org: Org) -> None:
    repo = repo0(org)
    repo.description = "changed by hand"  # type: ignore[attr-defined]
    repo.topics = []  # type: ignore[attr-defined]


DRIFTS: dict[str, Callable[[Org], None]] = {
    "label": drift_label,
    "milestone": drift_milestone,
    "issue": drift_issue,
    "codeowners": drift_codeowners,
    "members": drift_members,
    "team-repo": drift_team_repo,
    "protection": drift_protection,
    "repo": drift_repo,
}


@settings(
    max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    teams=st.integers(1, 3),
    mentors=st.integers(1, 2),
    visibility=st.sampled_from(["public", "private"]),
    drifts=st.lists(st.sampled_from(sorted(DRIFTS)), min_size=1, max_size=8, unique=True),
)
def test_apply_after_drift_converges_and_a_second_apply_writes_nothing(
    teams: int, mentors: int, visibility: str, drifts: list[str]
) -> None:
    if visibility == "private":
        drifts = [d for d in drifts if d != "protection"]  # free plans cannot protect these
    assume(drifts)
    cohort = example_cohort(cohort_text(teams, mentors, visibility))
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    for name in drifts:
        DRIFTS[name](org)
    assert not plan_cohort(org.client, org.desired).empty
    apply_cohort(org.client, org.desired, allow=Allowances(removals=True))
    assert plan_cohort(org.client, org.desired).empty
    org.box.reset_log()
    apply_cohort(org.fresh_client(), org.desired, allow=Allowances())
    assert org.writes() == 0
    org.box.assert_clean()
