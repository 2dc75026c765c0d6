"""The organizer bootstrap files: the action at a release, CODEOWNERS, the README's steps."""

from __future__ import annotations

import pytest

from cohort.init_files import default_action_ref, init_files, package_version, pinned, uses_line

SHA = "0123456789abcdef0123456789abcdef01234567"


def test_init_writes_four_workflows_codeowners_and_readme() -> None:
    assert sorted(init_files("1.2.3", f"me/cohort@{SHA}")) == [
        ".github/CODEOWNERS",
        ".github/workflows/cohort-apply.yml",
        ".github/workflows/cohort-plan.yml",
        ".github/workflows/cohort-pr.yml",
        ".github/workflows/cohort-weekly.yml",
        "README.md",
    ]


def test_workflows_use_the_action_at_the_given_sha_with_a_version_comment() -> None:
    files = init_files("1.2.3", f"me/cohort@{SHA}")
    assert f"uses: me/cohort@{SHA} # v1.2.3\n" in files[".github/workflows/cohort-pr.yml"]
    assert "__" not in "".join(files.values())


def test_default_ref_is_the_installed_release_and_can_be_overridden() -> None:
    assert default_action_ref().endswith(f"@v{package_version()}")
    assert uses_line("me/cohort", "2.0.0") == "me/cohort@v2.0.0"
    assert uses_line("me/cohort@main", "2.0.0") == "me/cohort@main"


def test_codeowners_protects_the_cohort_for_organizers() -> None:
    codeowners = init_files("1.2.3", "me/cohort", organizers="omp/organizers")[".github/CODEOWNERS"]
    assert "/cohort.yml @omp/organizers" in codeowners.splitlines()


def test_readme_walks_through_app_secrets_and_environment() -> None:
    readme = init_files("1.2.3", "me/cohort")["README.md"]
    for needed in (
        "New GitHub App",
        "COHORT_APP_ID",
        "COHORT_APP_PRIVATE_KEY",
        "cohort-apply",
        "cohort==1.2.3",
    ):
        assert needed in readme


def test_checkout_comes_from_the_pin_table() -> None:
    assert pinned("actions/checkout").startswith("actions/checkout@")
    with pytest.raises(KeyError):
        pinned("evil/action")
