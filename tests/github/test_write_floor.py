"""Issue 16's write floor at 30 teams, in an organization allowed 500 invitations a day."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import cohort_text
from cohort.github.apply import apply_cohort
from cohort.github.modelled import Step, modelled_seconds
from cohort.loading import load_cohort
from cohort.reconcile.safety import Allowances
from cohort.scaffolds import desired_state
from tests.github.orgkit import Org, make_org

TEAMS = 30


@pytest.fixture(scope="module")
def applied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Org, list[Step]]:
    path = Path(tmp_path_factory.mktemp("c")) / "cohort.yml"
    path.write_text(cohort_text(TEAMS), encoding="utf-8")
    loaded = load_cohort(path)
    org = make_org(loaded.cohort, desired_state(loaded))
    org.box.state.orgs["bench-org"].established = True  # older than a month: 500 a day
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.box.assert_clean()
    steps = [Step(r.kind == "write", r.content_created) for r in org.box.log]
    return org, steps


def test_cold_apply_needs_at_most_8_8_writes_per_team(applied: tuple[Org, list[Step]]) -> None:
    _, steps = applied
    assert sum(s.write for s in steps) <= 8.8 * TEAMS


def test_content_first_keeps_modelled_time_under_300_s(applied: tuple[Org, list[Step]]) -> None:
    _, steps = applied
    assert modelled_seconds(steps) <= 300


def test_mentors_are_maintainers_from_the_creation_of_their_team(
    applied: tuple[Org, list[Step]],
) -> None:
    org, _ = applied
    teams = {slug: t for (o, slug), t in org.box.state.teams.items() if o == "bench-org"}
    for i in range(TEAMS):
        assert teams[f"bench-team{i}"].members[f"mentor{i}"] == "maintainer"
