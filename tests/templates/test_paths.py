"""Rendered paths are checked before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.templates import (
    RenderedProject,
    TemplateError,
    TemplateSecurityError,
    check_path,
    render_project,
    write_project,
)
from tests.templates.test_hostile_templates import inline

BAD = [
    "",
    "../escape.txt",
    "a/../../escape.txt",
    "/etc/passwd",
    "C:/Windows/x",
    "a\\..\\b",
    ".git/config",
    "sub/.git/hooks/pre-commit",
    ".GIT/config",
    ".git./config",
    "nul\x00byte",
    "new\nline",
    "a//b",
    "./a",
    "x" * 300,
]


@pytest.mark.parametrize("path", BAD)
def test_unsafe_paths_are_rejected(path: str) -> None:
    with pytest.raises(TemplateSecurityError):
        check_path(path)


@pytest.mark.parametrize("path", ["README.md", ".github/workflows/ci.yml", "a/.gitignore"])
def test_ordinary_paths_pass(path: str) -> None:
    assert check_path(path) == path


def test_a_traversal_file_name_is_rejected_at_render_time() -> None:
    template = inline("x", name="files/{{ name }}/evil.txt.jinja")
    with pytest.raises(TemplateSecurityError):
        render_project(template, {"mentors": [], "name": ".."})


def test_a_templated_component_that_renders_empty_skips_the_file() -> None:
    template = inline("x", name="files/{% if flag %}opt{% endif %}/f.txt.jinja")
    assert "opt/f.txt" not in render_project(template, {"mentors": [], "flag": False}).files
    assert "opt/f.txt" in render_project(template, {"mentors": [], "flag": True}).files


def test_nothing_is_written_when_any_path_is_unsafe(tmp_path: Path) -> None:
    project = RenderedProject("t", "1", {"a.txt": b"a", "../b.txt": b"b"}, ())
    out = tmp_path / "out"
    with pytest.raises(TemplateSecurityError):
        write_project(project, out)
    assert not out.exists()
    assert not (tmp_path / "b.txt").exists()


def test_a_non_empty_folder_needs_overwrite(tmp_path: Path) -> None:
    project = RenderedProject("t", "1", {"a.txt": b"new"}, ())
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(TemplateError, match="not empty"):
        write_project(project, tmp_path)
    assert write_project(project, tmp_path, overwrite=True) == [tmp_path.resolve() / "a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"new"


def test_writing_through_a_symlink_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "link").symlink_to(outside)
    project = RenderedProject("t", "1", {"link/x.txt": b"x"}, ())
    with pytest.raises(TemplateSecurityError):
        write_project(project, out, overwrite=True)
    assert not (outside / "x.txt").exists()
