"""The repository settings apply makes are the ones the scaffold's CONTRIBUTING describes."""

from __future__ import annotations

import base64

from cohort.loading import load_cohort
from cohort.reconcile.desired import build_desired
from cohort.reconcile.safety import Allowances
from cohort.scaffolds import render_all
from cohort.usecases import run_apply
from tests.conftest import EXAMPLE
from tests.github.orgkit import make_org

REPO = "/repos/omp-cohorts/2027-spring-aurora"


def test_team_repositories_allow_squash_merges_only_and_delete_merged_branches() -> None:
    loaded = load_cohort(EXAMPLE)
    org = make_org(loaded.cohort, build_desired(loaded.cohort, render_all(loaded)))
    run_apply(org.client, org.desired, allow=Allowances(), confirm=True)
    repo = org.client.rest("GET", REPO)
    assert {
        key: repo[key]
        for key in (
            "allow_squash_merge",
            "allow_merge_commit",
            "allow_rebase_merge",
            "delete_branch_on_merge",
            "squash_merge_commit_title",
        )
    } == {
        "allow_squash_merge": True,
        "allow_merge_commit": False,
        "allow_rebase_merge": False,
        "delete_branch_on_merge": True,
        "squash_merge_commit_title": "PR_TITLE",
    }
    found = org.client.rest("GET", f"{REPO}/contents/CONTRIBUTING.md")
    contributing = base64.b64decode(found["content"]).decode()
    assert "**Squash and\n   merge** (the only merge method this repository allows" in contributing
    assert "GitHub deletes the branch after the merge" in contributing
