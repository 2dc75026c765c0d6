"""A messy, realistic 65-team program applied to the sandbox, as a real organization sees it."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import MessyProgram, messy_program
from cohort.github.apply import apply_cohort
from cohort.loading import load_cohort
from cohort.reconcile.safety import Allowances
from cohort.scaffolds import desired_state
from tests.github.orgkit import Org, make_org


def applied(tmp_path: Path, program: MessyProgram) -> Org:
    path = tmp_path / "cohort.yml"
    path.write_text(program.text, encoding="utf-8")
    loaded = load_cohort(path)
    org = make_org(loaded.cohort, desired_state(loaded))
    github_org = org.box.state.orgs[program.org]
    github_org.established = True  # older than a month: 500 invitations a day
    github_org.members += [org.box.state.canonical(m) or m for m in program.members]
    apply_cohort(org.client, org.desired, allow=Allowances())
    return org


def test_a_messy_program_applies_and_a_second_apply_writes_nothing(tmp_path: Path) -> None:
    program = messy_program(65, seed=2)
    org = applied(tmp_path, program)
    state = org.box.state
    invited = {i.login for i in state.orgs[program.org].invitations}
    assert invited == set(program.outsiders)  # canonical spelling, pending until accepted
    people = {login for t in state.teams.values() for login in [*t.members, *t.pending]}
    assert all(state.canonical(p) == p for p in people)
    org.box.reset_log()
    apply_cohort(org.fresh_client(), org.desired, allow=Allowances())
    assert org.writes() == 0
