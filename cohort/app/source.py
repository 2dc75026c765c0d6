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
from cohort.errors import CohortError, ExitCode, InvalidInput
from cohort.github.ports import RestPort
from cohort.loading import load_cohort

SERVERLESS_HINT = (
    "a team repository's GITHUB_TOKEN cannot read a private organizer repository: pass "
    "--cohort .github/cohort.yml (the slice apply commits) or a token that can read it; "
    "see docs/reference/app.md"
)


class CohortUnavailable(CohortError):
    """The cohort cannot be read, so nothing can be decided (a setup problem, never quiet)."""

    exit_code = ExitCode.INVALID


class CohortSource(Protocol):
    """Gives the cohort of an organization, or None when it has none."""

    def get(self, org: str, client: RestPort) -> CohortFile | None: ...


@dataclass
class PathSource:
    """A cohort file on disk, re-read when it changes."""

    path: Path
    strict: bool = False  # raise CohortUnavailable instead of answering None
    _seen: tuple[float, CohortFile] | None = None

    def get(self, org: str, client: RestPort) -> CohortFile | None:
        del client
        try:
            mtime = self.path.stat().st_mtime
        except OSError as exc:
            raise CohortUnavailable(f"cannot read the cohort file {self.path}: {exc}") from None
        if self._seen is None or self._seen[0] != mtime:
            self._seen = (mtime, load_cohort(self.path).cohort)
        cohort = self._seen[1]
        if cohort.program.organization.lower() == org.lower():
            return cohort
        if self.strict:
            raise CohortUnavailable(
                f"{self.path} is the cohort of {cohort.program.organization}, "
                f"not of {org} where the event happened"
            )
        return None


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
    strict: bool = False  # raise CohortUnavailable instead of answering None
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
        if raw is None and self.strict:
            raise CohortUnavailable(
                f"{full}/{self.path} is missing or unreadable: {SERVERLESS_HINT}"
            )
        cohort: CohortFile | None = None
        if raw is not None:
            try:
                cohort = parse_remote(raw, f"{full}/{self.path}")
            except InvalidInput:
                if self.strict:
                    raise
                cohort = None  # an invalid file is never merged by the plan job; stay quiet
        if cohort is not None and cohort.program.organization.lower() != key:
            if self.strict:
                raise CohortUnavailable(
                    f"{full}/{self.path} is the cohort of {cohort.program.organization}, not {org}"
                )
            cohort = None
        with self._lock:
            self._cache[key] = (self.clock.now(), cohort)
        return cohort
