"""Where the cohort comes from: a local file or the organizer repository, cached."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cohort.app.github_io import file_text
from cohort.clock import Clock, SystemClock
from cohort.config.load import parse_cohort
from cohort.config.model import CohortFile
from cohort.config.source import read_document
from cohort.errors import InvalidInput
from cohort.github.ports import RestPort
from cohort.loading import load_cohort


class CohortSource(Protocol):
    """Gives the cohort of an organization, or None when it has none."""

    def get(self, org: str, client: RestPort) -> CohortFile | None: ...


@dataclass
class PathSource:
    """A cohort file on disk, re-read when it changes."""

    path: Path
    _seen: tuple[float, CohortFile] | None = None

    def get(self, org: str, client: RestPort) -> CohortFile | None:
        del client
        mtime = self.path.stat().st_mtime
        if self._seen is None or self._seen[0] != mtime:
            self._seen = (mtime, load_cohort(self.path).cohort)
        cohort = self._seen[1]
        return cohort if cohort.program.organization.lower() == org.lower() else None


def parse_remote(raw: bytes, file: str) -> CohortFile:
    """Parse a merged cohort file; the templates it names were checked when it was merged."""
    data: Any = read_document(raw, file).data
    projects = data.get("projects") if isinstance(data, dict) else None
    named = {str(p.get("template")) for p in projects or [] if isinstance(p, dict)}
    return parse_cohort(raw, file, named).cohort


@dataclass
class RepoSource:
    """``cohort.yml`` in each organization's organizer repository, cached for ``ttl`` s."""

    repo: str = "cohort-admin"  # a name in the event's organization, or owner/name
    path: str = "cohort.yml"
    ttl: float = 300.0
    clock: Clock = field(default_factory=SystemClock)
    _cache: dict[str, tuple[float, CohortFile | None]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, org: str, client: RestPort) -> CohortFile | None:
        key = org.lower()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and self.clock.now() - hit[0] < self.ttl:
                return hit[1]
        full = self.repo if "/" in self.repo else f"{org}/{self.repo}"
        raw = file_text(client, full, self.path)
        cohort: CohortFile | None = None
        if raw is not None:
            try:
                cohort = parse_remote(raw, f"{full}/{self.path}")
            except InvalidInput:
                cohort = None  # an invalid file is never merged by the plan job; stay quiet
        if cohort is not None and cohort.program.organization.lower() != key:
            cohort = None
        with self._lock:
            self._cache[key] = (self.clock.now(), cohort)
        return cohort
