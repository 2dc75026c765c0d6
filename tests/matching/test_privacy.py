"""Sign-up data is refused inside a public-looking repository unless --private-ok."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.errors import UsageError
from cohort.matching.privacy import ensure_private, public_reason


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path, Path]:
    public = tmp_path / "admin"
    (public / ".git").mkdir(parents=True)
    (public / "cohort.yml").write_text("version: 1\n")
    other = tmp_path / "site"
    (other / ".git").mkdir(parents=True)
    (other / "cohort.yml").write_text("version: 1\n")
    local = tmp_path / "private"
    local.mkdir()
    return public, other, local


def test_the_repository_of_the_cohort_file_looks_public(layout: tuple[Path, Path, Path]) -> None:
    public, _, _ = layout
    reason = public_reason(public / "notes" / "teams.md", public / "cohort.yml")
    assert reason is not None
    assert "the repository that holds cohort.yml" in reason


def test_any_repository_with_a_cohort_file_looks_public(layout: tuple[Path, Path, Path]) -> None:
    public, other, _ = layout
    assert "a repository with a public cohort.yml" in str(
        public_reason(other / "signups.csv", public / "cohort.yml")
    )


def test_a_local_folder_outside_any_repository_is_fine(layout: tuple[Path, Path, Path]) -> None:
    public, _, local = layout
    assert public_reason(local / "teams.md", public / "cohort.yml") is None
    ensure_private([local / "teams.md"], public / "cohort.yml", private_ok=False)


def test_private_ok_lets_the_organizer_overrule(layout: tuple[Path, Path, Path]) -> None:
    public, _, _ = layout
    with pytest.raises(UsageError, match="--private-ok"):
        ensure_private([public / "s.csv"], public / "cohort.yml", private_ok=False)
    ensure_private([public / "s.csv"], public / "cohort.yml", private_ok=True)
