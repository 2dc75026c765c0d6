"""scripts/release-check: build, check, install the wheel outside the clone, run the demos.

The same script is the check job of .github/workflows/release.yml; here it runs on every
change (it needs the package index for the build backend and the locked dependencies).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_release_check_builds_installs_and_demos_the_wheel(tmp_path: Path) -> None:
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "release-check"), str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=tmp_path,
    )
    out = done.stdout
    assert done.returncode == 0, out[-3000:] + done.stderr[-3000:]
    wheels = sorted(p.name for p in (tmp_path / "dist").iterdir())
    assert len(wheels) == 2
    assert re.search(r"^cohort \S+ \(commit [0-9a-f]{40}\) · cohort-as-code from ", out, re.M)
    assert re.search(r"uses: cohort-as-code/cohort@[0-9a-f]{40} # v\S+$", out, re.M)
    assert out.count("✓ second plan: no changes.") == 2
    assert "== release-check: ok:" in out
