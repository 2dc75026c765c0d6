"""Connections longer than a page are read to the end; a document too big is split, not lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.generate import cohort_text
from cohort.github.apply import apply_cohort, plan_cohort
from cohort.github.paging import rest_pages
from cohort.loading import load_cohort
from cohort.reconcile.safety import Allowances
from cohort.sandbox.faults import Fault, FaultPlan
from cohort.sandbox.state import Issue, Label, Milestone
from cohort.scaffolds import desired_state
from tests.github.orgkit import Org, make_org, snapshot

ORG, REPO = "bench-org", "bench-org/bench-team0"


def cohort_org(tmp_path: Path, teams: int = 2) -> Org:
    path = tmp_path / "cohort.yml"
    path.write_text(cohort_text(teams), encoding="utf-8")
    loaded = load_cohort(path)
    return make_org(loaded.cohort, desired_state(loaded))


def crowd_the_first_pages(org: Org) -> None:
    """Put 150 unmanaged labels, milestones and issues, and 150 extra members, first in line."""
    state = org.box.state
    repo = state.repos[REPO]
    labels, milestones, issues = [], [], {}
    for k in range(150):
        labels.append(Label(*state.node("Label"), f"extra-{k:03}", "ededed"))
        milestones.append(Milestone(*state.node("Milestone"), 1000 + k, f"extra-{k}", "x"))
        number, node_id = state.node("Issue")
        stamp = "2000-01-01T00:00:00Z"
        issues[5000 + k] = Issue(number, node_id, 5000 + k, f"extra {k}", "x", stamp, stamp)
    repo.labels[:0] = labels
    repo.milestones[:0] = milestones
    repo.issues = {**issues, **repo.issues}
    team = state.teams[(ORG, "bench-team0")]
    for k in range(150):
        login = f"aa-extra-{k:03}"
        org.box.add_user(login)
        state.orgs[ORG].members.append(login)
        team.members[login] = "member"


def test_managed_objects_past_the_first_page_are_seen(tmp_path: Path) -> None:
    org = cohort_org(tmp_path)
    apply_cohort(org.client, org.desired, allow=Allowances())
    crowd_the_first_pages(org)
    plan = plan_cohort(org.fresh_client(), org.desired)
    assert {(c.kind, c.action) for c in plan.changes} == {("team-member", "remove")}
    assert sorted(c.target for c in plan.changes) == [
        f"bench-team0/aa-extra-{k:03}" for k in range(150)
    ]


def test_a_document_refused_as_too_big_is_split_and_nothing_is_lost(tmp_path: Path) -> None:
    org = cohort_org(tmp_path, teams=3)
    fault = Fault("resource-limits", on_write=1, match="graphql:mutation")
    org.box.faults = FaultPlan(seed=1, rules=[fault])
    report = apply_cohort(org.client, org.desired, allow=Allowances())
    assert org.box.faults.fired
    assert report.rounds == 1
    assert report.recovered == []
    assert plan_cohort(org.fresh_client(), org.desired).empty
    (tmp_path / "clean").mkdir()
    clean = cohort_org(tmp_path / "clean", teams=3)
    apply_cohort(clean.client, clean.desired, allow=Allowances())
    assert snapshot(org.box, ORG) == snapshot(clean.box, ORG)


def test_rest_pages_reads_until_a_short_page() -> None:
    items = list(range(250))
    asked: list[dict[str, Any]] = []

    def fetch(params: dict[str, Any]) -> list[int]:
        asked.append(params)
        start = (params["page"] - 1) * params["per_page"]
        return items[start : start + params["per_page"]]

    assert rest_pages(fetch) == items
    assert [p["page"] for p in asked] == [1, 2, 3]


def test_the_activity_read_pages_issues_to_the_end(tmp_path: Path) -> None:
    import datetime as dt

    from cohort.github.read_activity import read_activity

    org = cohort_org(tmp_path)
    apply_cohort(org.client, org.desired, allow=Allowances())
    crowd_the_first_pages(org)
    now = dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
    activity = read_activity(org.fresh_client(), org.cohort, now - dt.timedelta(days=7), now=now)
    repo = activity.repos["bench-team0"]
    assert len(repo.issues) == 150 + len(org.desired.repos["bench-team0"].issues)
    assert not repo.truncated


def test_a_teams_read_refused_as_too_big_is_halved(tmp_path: Path) -> None:
    org = cohort_org(tmp_path, teams=3)
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.box.reset_log()
    assert plan_cohort(org.fresh_client(), org.desired).empty
    plain = org.requests()
    org.box.reset_log()
    org.box.faults = FaultPlan(seed=1, rules=[Fault("resource-limits", on_request=1)])
    assert plan_cohort(org.fresh_client(), org.desired).empty
    assert org.box.faults.fired == [(1, "resource-limits")]
    assert org.requests() == plain + 2  # the refused document, then its two halves


def test_rest_pages_refuses_an_answer_that_is_not_a_list() -> None:
    import pytest

    from cohort.errors import GitHubError

    with pytest.raises(GitHubError, match=r"^comments of o/r#1 did not answer with a list$"):
        rest_pages(lambda params: {"message": "nope"}, "comments of o/r#1")
