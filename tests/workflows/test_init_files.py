"""The organizer bootstrap files: the action at a release, CODEOWNERS, the README's steps."""

from __future__ import annotations

import pytest

from cohort.errors import UsageError
from cohort.init_files import (
    check_action_ref,
    default_action_ref,
    init_files,
    pinned,
    uses_line,
)
from cohort.project import PROJECT_HOME, BuildInfo

SHA = "0123456789abcdef0123456789abcdef01234567"


def test_init_writes_every_workflow_codeowners_and_readme() -> None:
    assert sorted(init_files("1.2.3", f"me/cohort@{SHA}")) == [
        ".github/CODEOWNERS",
        ".github/workflows/cohort-apply.yml",
        ".github/workflows/cohort-checkins.yml",
        ".github/workflows/cohort-daily.yml",
        ".github/workflows/cohort-dashboard.yml",
        ".github/workflows/cohort-evaluations.yml",
        ".github/workflows/cohort-induction.yml",
        ".github/workflows/cohort-invitations.yml",
        ".github/workflows/cohort-plan.yml",
        ".github/workflows/cohort-pr.yml",
        ".github/workflows/cohort-weekly.yml",
        "README.md",
    ]


def test_workflows_use_the_action_at_the_given_sha_with_a_version_comment() -> None:
    files = init_files("1.2.3", f"me/cohort@{SHA}")
    assert f"uses: me/cohort@{SHA} # v1.2.3\n" in files[".github/workflows/cohort-pr.yml"]
    assert "__" not in "".join(files.values())


def test_a_release_pins_the_project_home_at_the_commit_it_was_built_from() -> None:
    released = BuildInfo("2.0.0", SHA)
    assert default_action_ref(released) == f"{PROJECT_HOME}@{SHA}"
    files = init_files("2.0.0", default_action_ref(released))
    assert f"uses: {PROJECT_HOME}@{SHA} # v2.0.0\n" in files[".github/workflows/cohort-apply.yml"]


@pytest.mark.parametrize(
    "info",
    [BuildInfo("0.2.dev3+g0123abc", SHA), BuildInfo("2.0.0", ""), BuildInfo("0+unknown", "")],
)
def test_an_unreleased_build_refuses_to_pin_itself(info: BuildInfo) -> None:
    with pytest.raises(UsageError, match="--action-ref"):
        default_action_ref(info)


def test_action_ref_must_be_a_full_commit_sha() -> None:
    assert check_action_ref(f"me/cohort@{SHA}") == f"me/cohort@{SHA}"
    assert check_action_ref("./") == "./"
    for loose in ("me/cohort@v2.0.0", "me/cohort@main", "me/cohort", f"me/cohort@{SHA[:12]}"):
        with pytest.raises(UsageError, match="40-hex"):
            check_action_ref(loose)
    assert uses_line(f"me/cohort@{SHA}", "2.0.0") == f"me/cohort@{SHA} # v2.0.0"


def test_codeowners_protects_the_cohort_for_organizers() -> None:
    codeowners = init_files("1.2.3", f"me/cohort@{SHA}", organizers="omp/organizers")[
        ".github/CODEOWNERS"
    ]
    assert "/cohort.yml @omp/organizers" in codeowners.splitlines()


def test_readme_walks_through_app_secrets_and_environment() -> None:
    readme = init_files("1.2.3", f"me/cohort@{SHA}")["README.md"]
    for needed in (
        "New GitHub App",
        "COHORT_APP_ID",
        "COHORT_APP_PRIVATE_KEY",
        "cohort-apply",
        "pipx install cohort-as-code==1.2.3",
        "Workflows | read and write",
    ):
        assert needed in readme


def test_checkout_comes_from_the_pin_table() -> None:
    assert pinned("actions/checkout").startswith("actions/checkout@")
    with pytest.raises(KeyError):
        pinned("evil/action")
