"""Hole 2: templates come only from the organizer repository or the built-ins, never via links."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.errors import InvalidInput
from cohort.loading import load_cohort
from cohort.templates import TemplateError, load_template
from tests.conftest import EXAMPLE
from tests.templates.test_render import _organizer_template


def organizer_repo(tmp_path: Path, templates_dir: str | None = None) -> Path:
    """A repository with cohort.yml whose project uses the template ``mine``."""
    repo = tmp_path / "admin"
    (repo / ".git").mkdir(parents=True)
    text = EXAMPLE.read_text(encoding="utf-8").replace("template: web-frontend", "template: mine")
    if templates_dir is not None:
        text += f"templates_dir: {templates_dir}\n"
    (repo / "cohort.yml").write_text(text, encoding="utf-8")
    return repo


def outside(tmp_path: Path) -> Path:
    """Templates on the same machine but outside the organizer repository."""
    folder = tmp_path / "elsewhere"
    _organizer_template(folder, "mine", {"files/SECRET.txt": "from outside\n"})
    return folder


def problems(path: Path) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        load_cohort(path)
    return [f"{p.path}: {p.message}" for p in info.value.problems]


def test_a_templates_folder_inside_the_repository_is_used(tmp_path: Path) -> None:
    repo = organizer_repo(tmp_path)
    _organizer_template(repo / "templates", "mine", {})
    loaded = load_cohort(repo / "cohort.yml")
    assert loaded.templates_dirs == (repo.absolute() / "templates",)


def test_a_symlinked_templates_folder_is_refused(tmp_path: Path) -> None:
    repo = organizer_repo(tmp_path)
    (repo / "templates").symlink_to(outside(tmp_path))
    [found] = problems(repo / "cohort.yml")
    assert found.startswith("templates_dir: ")
    assert "templates is a symbolic link; symbolic links are refused" in found


def test_a_symlinked_template_folder_is_refused(tmp_path: Path) -> None:
    repo = organizer_repo(tmp_path)
    (repo / "templates").mkdir()
    (repo / "templates" / "mine").symlink_to(outside(tmp_path) / "mine")
    [found] = problems(repo / "cohort.yml")
    assert "mine: is a symbolic link; symbolic links are refused in templates" in found


def test_a_symlinked_base_template_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "_base").symlink_to(outside(tmp_path) / "mine")
    _organizer_template(folder, "child", {})
    meta = folder / "child" / "template.yml"
    meta.write_text(meta.read_text().replace("version:", "extends: _base\nversion:"))
    with pytest.raises(TemplateError, match="_base: is a symbolic link"):
        load_template("child", [folder])


@pytest.mark.parametrize("value", ["../elsewhere", "/tmp/elsewhere", "a/../../elsewhere", "./x"])
def test_an_escaping_templates_dir_is_a_validation_error_and_is_never_read(
    tmp_path: Path, value: str
) -> None:
    outside(tmp_path)
    found = problems(organizer_repo(tmp_path, value) / "cohort.yml")
    assert any(
        f.startswith("templates_dir: ") and "must be a relative path below" in f for f in found
    )
    # the template outside was not found, so the project's template is unknown
    assert any("unknown template 'mine'" in f for f in found)
