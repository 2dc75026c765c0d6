"""A run longer than an hour keeps a valid installation token (simulated clock)."""

from __future__ import annotations

from cohort.clock import SimulatedClock
from cohort.github.app_auth import APPLY_PERMISSIONS, RefreshingTransport, app_client
from cohort.github.apply import apply_cohort
from cohort.github.connect import seed_sandbox
from cohort.github.transport import PacedTransport
from cohort.reconcile.safety import Allowances
from cohort.sandbox import Sandbox, SandboxTransport
from tests.github.test_app_auth import key_pair
from tests.reconcile.helpers import desired_for, example_cohort


def test_an_apply_of_over_an_hour_refreshes_the_installation_token() -> None:
    from benchmarks.generate import cohort_text

    private, public = key_pair()
    cohort = example_cohort(cohort_text(100))
    box = Sandbox(clock=SimulatedClock())
    seed_sandbox(box, cohort)
    box.state.orgs["bench-org"].established = True  # 500 invitations a day: no queue here
    box.register_app(9, "cohort-apply", public, org="bench-org", permissions=APPLY_PERMISSIONS)
    client = app_client(
        9,
        private,
        "bench-org",
        api_url="https://api.github.com",
        write=True,
        transport=SandboxTransport(box),
        clock=box.clock,
    )
    start = box.clock.wall()
    report = apply_cohort(client, desired_for(cohort), allow=Allowances())
    assert box.clock.wall() - start > 3600  # 600 issues and invitations: over 500 an hour
    assert report.recovered == []
    assert report.queued == []
    paced = client.transport
    assert isinstance(paced, PacedTransport)
    assert isinstance(paced.inner, RefreshingTransport)
    assert paced.inner.tokens.minted >= 2
    assert sum(1 for r in box.state.repos.values() if len(r.issues) == 3) == 100
