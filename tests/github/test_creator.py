"""The identity that applies is not left in the teams it creates unless the cohort wants it."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import cohort_text
from cohort.github.apply import apply_cohort
from cohort.github.client import Client
from cohort.loading import load_cohort
from cohort.reconcile.safety import Allowances
from cohort.sandbox import SandboxTransport
from cohort.scaffolds import desired_state
from tests.github.orgkit import make_org


def test_a_bot_user_that_applies_leaves_the_teams_it_creates(tmp_path: Path) -> None:
    path = tmp_path / "cohort.yml"
    path.write_text(cohort_text(3), encoding="utf-8")
    loaded = load_cohort(path)
    org = make_org(loaded.cohort, desired_state(loaded))
    org.box.add_user("deploy-bot")
    org.box.state.orgs["bench-org"].owners.append("deploy-bot")
    client = Client(
        org.box.issue_token("deploy-bot"), transport=SandboxTransport(org.box), clock=org.clock
    )
    apply_cohort(client, org.desired, allow=Allowances())
    teams = {slug: t for (o, slug), t in org.box.state.teams.items() if o == "bench-org"}
    assert sorted(teams) == sorted(org.desired.teams)
    assert all("deploy-bot" not in t.members for t in teams.values())
    assert teams["bench-team0"].members["mentor0"] == "maintainer"
    assert teams["bench-organizers"].members == {"olga-org": "maintainer"}
