"""One GitHub home (cohort.project.PROJECT_HOME) and one App story, everywhere it is written."""

from __future__ import annotations

import json
import re
import tomllib

from cohort.init_files import init_files
from cohort.project import DISTRIBUTION, PROJECT_HOME, PROJECT_URL
from tests.conftest import ROOT

SHA = "0123456789abcdef0123456789abcdef01234567"
OWNER_REPO = re.compile(r"github\.com/([A-Za-z0-9-]+/[A-Za-z0-9._-]+?)(?:/|\.git|\b)")
PROSE = [
    ROOT / "README.md",
    ROOT / "app" / "README.md",
    ROOT / "docs" / "reference" / "app.md",
    ROOT / "docs" / "reference" / "workflows.md",
    ROOT / "action.yml",
]


def test_package_urls_and_manifests_name_the_project_home() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DISTRIBUTION
    assert all(url.startswith(PROJECT_URL) for url in project["urls"].values())
    for name in ("manifest.json", "apply-manifest.json"):
        manifest = json.loads((ROOT / "app" / name).read_text(encoding="utf-8"))
        assert manifest["url"] == PROJECT_URL, name


def test_no_other_owner_of_the_project_is_named_anywhere() -> None:
    texts = {path.name: path.read_text(encoding="utf-8") for path in PROSE}
    texts |= init_files("1.2.3", f"{PROJECT_HOME}@{SHA}")
    for name, text in texts.items():
        for found in OWNER_REPO.findall(text):
            if found.split("/")[1].startswith("cohort"):
                assert found == PROJECT_HOME, (name, found)
        assert "cohort-project/" not in text, name
        assert "cohort-dev/" not in text, name


def test_init_readme_grants_the_apply_app_exactly_its_manifest() -> None:
    manifest = json.loads((ROOT / "app" / "apply-manifest.json").read_text(encoding="utf-8"))
    readme = init_files("1.2.3", f"{PROJECT_HOME}@{SHA}")["README.md"]
    rows = re.findall(
        r"^\s*\| (?:repository|organization) \| ([A-Za-z ]+?) \| (read|read and write) \|",
        readme,
        flags=re.MULTILINE,
    )
    granted = {
        name.lower().replace(" ", "_"): "write" if "write" in access else "read"
        for name, access in rows
    }
    assert granted == manifest["default_permissions"]
    assert manifest["default_events"] == []
    assert "hook_attributes" not in manifest


def test_the_mentors_app_has_no_administrative_permission() -> None:
    manifest = json.loads((ROOT / "app" / "manifest.json").read_text(encoding="utf-8"))
    assert {"administration", "members", "workflows"} & set(
        manifest["default_permissions"]
    ) == set()


def test_the_apply_token_asks_for_no_more_than_the_apply_app_has() -> None:
    from cohort.github.app_auth import APPLY_PERMISSIONS, READ_PERMISSIONS

    manifest = json.loads((ROOT / "app" / "apply-manifest.json").read_text(encoding="utf-8"))
    assert manifest["default_permissions"] == APPLY_PERMISSIONS
    assert set(READ_PERMISSIONS) <= set(manifest["default_permissions"])
