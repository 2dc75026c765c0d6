"""GitHub Pages as a managed kind: enabled with build_type workflow before the scaffold commit."""

from __future__ import annotations

from cohort.github.apply import apply_cohort, plan_cohort
from cohort.loading import load_cohort
from cohort.reconcile.safety import Allowances
from cohort.scaffolds import desired_state
from tests.conftest import EXAMPLE
from tests.github.orgkit import make_org

ORG = "omp-cohorts"


def test_cold_apply_enables_pages_for_pages_templates_before_their_scaffold() -> None:
    loaded = load_cohort(EXAMPLE)
    org = make_org(loaded.cohort, desired_state(loaded))
    plan = plan_cohort(org.client, org.desired)
    assert [(c.target, c.details) for c in plan.changes if c.kind == "pages"] == [
        ("2027-spring-aurora", (("build_type", "workflow"),)),  # web-frontend
        ("2027-spring-cirrus", (("build_type", "workflow"),)),  # data-report
    ]
    apply_cohort(org.client, org.desired, allow=Allowances())
    state = org.box.state
    sites = {n: r.pages.build_type for n, r in state.repos.items() if r.pages is not None}
    assert sites == {
        f"{ORG}/2027-spring-aurora": "workflow",
        f"{ORG}/2027-spring-cirrus": "workflow",
    }
    log = org.box.log
    enabled = [i for i, r in enumerate(log) if r.method == "POST" and r.path.endswith("/pages")]
    commits = [i for i, r in enumerate(log) if r.operation == "graphql:mutation"]
    assert len(enabled) == 2
    assert max(enabled) < min(commits)
    assert plan_cohort(org.client, org.desired).empty
