"""`cohort --version`, the recorded build, and `cohort demo` from an empty folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.project import PROJECT_URL, BuildInfo, build_info, bundled_example

SHA = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("info", "released"),
    [
        (BuildInfo("1.2.3", SHA), True),
        (BuildInfo("1.2.3", ""), False),
        (BuildInfo("1.2.4.dev2+g0123456", SHA), False),
        (BuildInfo("1.2.3rc1", SHA), False),
        (BuildInfo("0+unknown", ""), False),
    ],
)
def test_only_a_tagged_build_with_its_commit_is_a_release(info: BuildInfo, released: bool) -> None:
    assert info.released is released


def test_describe_names_the_commit_or_says_it_is_unknown() -> None:
    assert BuildInfo("1.2.3", SHA).describe() == f"1.2.3 (commit {SHA})"
    assert BuildInfo("1.2.3", "").describe() == "1.2.3 (commit unknown (not a built wheel))"


def test_version_prints_release_commit_and_home(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"]) == 0
    out = capsys.readouterr().out
    assert out == f"cohort {build_info().describe()} · cohort-as-code from {PROJECT_URL}\n"


def test_demo_without_an_argument_rehearses_the_bundled_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COHORT_FILE", raising=False)
    assert run(["demo"]) == 0
    out = capsys.readouterr().out
    assert f"rehearsing the bundled example {bundled_example()}" in out
    assert "4 teams" in out
    assert "✓ second plan: no changes." in out
    assert list(tmp_path.iterdir()) == []
