"""Who cohort is on the package index and on GitHub, and which build this is.

``PROJECT_HOME`` is the one place the project's GitHub home is written: the action's
``uses:`` lines, the App manifest, the docs and the package URLs are checked against it
(tests/packaging/test_project_home.py).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "cohort-as-code"
PROJECT_HOME = "cohort-as-code/cohort"
PROJECT_URL = f"https://github.com/{PROJECT_HOME}"

_SHA = re.compile(r"[0-9a-f]{40}")
_RELEASE = re.compile(r"\d+\.\d+\.\d+")


@dataclass(frozen=True)
class BuildInfo:
    """The installed release and the commit its wheel was built from ("" when unknown)."""

    version: str
    commit: str

    @property
    def released(self) -> bool:
        """A tagged release (X.Y.Z, no dev or local part) built from a known commit."""
        return bool(_RELEASE.fullmatch(self.version)) and bool(_SHA.fullmatch(self.commit))

    def describe(self) -> str:
        """``0.2.0 (commit 0123…)``, or says that the commit is unknown."""
        commit = f"commit {self.commit}" if self.commit else "commit unknown (not a built wheel)"
        return f"{self.version} ({commit})"


def build_info() -> BuildInfo:
    """What hatch_build.py recorded in the wheel, else the installed metadata."""
    try:
        _build_info = importlib.import_module("cohort._build_info")
    except ImportError:
        return BuildInfo(_metadata_version(), "")
    version = str(getattr(_build_info, "VERSION", "")) or _metadata_version()
    commit = str(getattr(_build_info, "COMMIT", ""))
    return BuildInfo(version, commit if _SHA.fullmatch(commit) else "")


def _metadata_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def bundled_example() -> Path:
    """The realistic example cohort: in the wheel, or ``examples/`` in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_example" / "cohort.yml"
    if installed.is_file():
        return installed
    return package.parent / "examples" / "cohort.yml"
