"""Any size converges: past 100 teams every connection is paged, a re-apply writes nothing,
and no request of a real-size program exceeds the document bound."""

from __future__ import annotations

import math
from pathlib import Path

import httpx
import pytest

from benchmarks.generate import cohort_text, messy_program
from cohort.github.apply import apply_cohort, plan_cohort
from cohort.github.client import Client
from cohort.github.mutations import MAX_BYTES
from cohort.loading import load_cohort
from cohort.reconcile.safety import Allowances
from cohort.sandbox import Sandbox, SandboxTransport
from cohort.scaffolds import desired_state
from tests.github.orgkit import Org, make_org


def applied_org(tmp: Path, teams: int, *, onboarding: bool = False) -> Org:
    path = tmp / "cohort.yml"
    path.write_text(cohort_text(teams, onboarding=onboarding), encoding="utf-8")
    loaded = load_cohort(path)
    org = make_org(loaded.cohort, desired_state(loaded))
    github_org = org.box.state.orgs["bench-org"]
    github_org.established = True  # 500 invitations a day; issue 15 queues the rest
    github_org.members.extend(m.handle for m in loaded.cohort.mentees[500:])
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.box.assert_clean()
    return org


@pytest.mark.slow
@pytest.mark.parametrize(("teams", "onboarding"), [(101, False), (300, False), (101, True)])
def test_a_cohort_past_one_hundred_teams_converges_in_one_apply(
    tmp_path: Path, teams: int, onboarding: bool
) -> None:
    org = applied_org(tmp_path, teams, onboarding=onboarding)
    assert plan_cohort(org.fresh_client(), org.desired).changes == ()
    if onboarding:  # everyone accepts: one apply assigns every onboarding issue, then nothing
        for mentee in org.cohort.mentees:
            org.box.accept_invitations(mentee.handle)
        plan = plan_cohort(org.fresh_client(), org.desired)
        assert [c.action for c in plan.changes] == ["update"] * len(org.cohort.mentees)
        apply_cohort(org.fresh_client(), org.desired, allow=Allowances())
    org.box.reset_log()
    report = apply_cohort(org.fresh_client(), org.desired, allow=Allowances())
    assert report.applied == []
    assert org.writes() == 0
    assert org.requests() <= 1 + math.ceil(teams / 25) + math.ceil(teams / 100)


class Largest(httpx.BaseTransport):
    """The sandbox transport, remembering the largest request body it carried."""

    def __init__(self, box: Sandbox) -> None:
        self.inner = SandboxTransport(box)
        self.largest = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.largest = max(self.largest, len(request.content))
        return self.inner.handle_request(request)


def test_no_request_of_a_real_size_program_with_long_briefs_exceeds_the_document_bound(
    tmp_path: Path,
) -> None:
    program = messy_program(65, long_briefs=True)  # every brief Markdown near 2,000 characters
    path = tmp_path / "cohort.yml"
    path.write_text(program.text, encoding="utf-8")
    loaded = load_cohort(path)
    org = make_org(loaded.cohort, desired_state(loaded))
    github_org = org.box.state.orgs[program.org]
    github_org.established = True
    github_org.members += [org.box.state.canonical(m) or m for m in program.members]
    sent = Largest(org.box)
    client = Client(org.box.issue_token("olga-org"), transport=sent, clock=org.clock)
    apply_cohort(client, org.desired, allow=Allowances())
    assert plan_cohort(org.fresh_client(), org.desired).empty  # everything arrived
    assert 64 * 1024 < sent.largest <= MAX_BYTES  # several scaffolds per document, bounded
