"""Build hook: record the release and the commit a wheel was built from.

Writes ``cohort/_build_info.py`` into the sdist and the wheel. The commit is
``git rev-parse HEAD`` in a checkout; a build from an sdist keeps the one the sdist
recorded; an editable install records none (the checkout moves on after it).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "cohort/_build_info.py"
_SHA = re.compile(r"[0-9a-f]{40}")


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds cohort/_build_info.py to every build."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        commit = "" if version == "editable" else self._commit()
        text = (
            '"""Written by hatch_build.py when this package was built; never edited."""\n\n'
            f"VERSION = {self.metadata.version!r}\n"
            f"COMMIT = {commit!r}\n"
        )
        out = Path(tempfile.mkdtemp(prefix="cohort-build-")) / "_build_info.py"
        out.write_text(text, encoding="utf-8")
        build_data["force_include"][str(out)] = TARGET

    def _commit(self) -> str:
        root = Path(self.root)
        try:
            found = subprocess.run(
                ["git", "rev-parse", "HEAD"],
                cwd=root,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            found = ""
        if _SHA.fullmatch(found) and (root / ".git").exists():
            return found
        recorded = root / TARGET  # building a wheel from an sdist
        if recorded.is_file():
            match = re.search(r"COMMIT = '([0-9a-f]{40})'", recorded.read_text("utf-8"))
            if match:
                return match.group(1)
        return ""
