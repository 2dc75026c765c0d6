"""action-requirements.txt covers every runtime dependency, hash-locked, and nothing of [match].

Offline: reads pyproject.toml, the lock file and the installed packages' metadata. When it
fails after a dependency change, run scripts/lock-action.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "action-requirements.txt"
RUNNER = {"python_version": "3.11", "python_full_version": "3.11.9", "sys_platform": "linux"}
RUNNER |= {"platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"}
RUNNER |= {"implementation_name": "cpython", "platform_python_implementation": "CPython"}


def locked() -> dict[str, tuple[Version, int]]:
    """name -> (pinned version, number of hashes)."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    pins: dict[str, tuple[Version, int]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("--") else line
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)(.*)", line.strip())
        if match:
            name, version, rest = match.groups()
            pins[canonicalize_name(name)] = (Version(version), rest.count("--hash=sha256:"))
    return pins


def runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(line) for line in project["dependencies"]]


def closure(roots: list[Requirement]) -> set[str]:
    """Every distribution the roots need on a Linux CPython 3.11 runner (installed metadata)."""
    seen: set[str] = set()
    todo = [(req, frozenset(req.extras)) for req in roots]
    while todo:
        req, extras = todo.pop()
        name = canonicalize_name(req.name)
        if req.marker is not None and not req.marker.evaluate(RUNNER | {"extra": ""}):
            continue
        key = f"{name}[{','.join(sorted(extras))}]"
        if key in seen:
            continue
        seen.add(key)
        for line in metadata.requires(req.name) or []:
            sub = Requirement(line)
            wanted = sub.marker is None or any(
                sub.marker.evaluate(RUNNER | {"extra": extra}) for extra in ("", *extras)
            )
            if wanted:
                todo.append((Requirement(str(sub).split(";")[0]), frozenset(sub.extras)))
    return {key.split("[")[0] for key in seen}


def test_every_runtime_dependency_is_pinned_within_its_range() -> None:
    pins = locked()
    for req in runtime_requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is not in {LOCK.name}: run scripts/lock-action"
        assert req.specifier.contains(pins[name][0], prereleases=True), (name, pins[name][0])


def test_every_transitive_dependency_is_pinned_with_hashes() -> None:
    pins = locked()
    missing = sorted(closure(runtime_requirements()) - set(pins))
    assert missing == [], f"not in {LOCK.name}: {missing}; run scripts/lock-action"
    assert all(count >= 1 for _, count in pins.values())


def test_the_action_lock_holds_no_solver_stack() -> None:
    assert {"ortools", "numpy", "pandas"} & set(locked()) == set()


def test_the_action_installs_with_require_hashes_from_the_lock() -> None:
    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert "--require-hashes" in action
    assert '--requirement "$GITHUB_ACTION_PATH/action-requirements.txt"' in action
