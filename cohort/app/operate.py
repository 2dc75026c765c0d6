"""What ``cohort app deliveries|redeliver`` does: list stored deliveries, requeue them, and ask
GitHub to send again the ones this store never received (or whose body was pruned)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from cohort.app.store import Delivery, Store
from cohort.errors import GitHubError
from cohort.github.ports import RestPort
from cohort.github.routes import HOOK_DELIVERIES, REDELIVER_HOOK

SEARCHED = 100  # GitHub lists an App's deliveries newest first; the last 100 are searched


def age(seconds: float) -> str:
    """A short human age: ``45s``, ``12m``, ``3h``, ``2d``."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit}"
    return f"{max(int(seconds), 0)}s"


def table(rows: Sequence[Delivery], now: float | None = None) -> list[str]:
    """One line per delivery: id, event, repository, status, attempts, age, last error."""
    at = time.time() if now is None else now
    lines = [f"{'ID':<38} {'EVENT':<22} {'REPOSITORY':<32} {'STATUS':<8} TRIES AGE   ERROR"]
    for d in rows:
        error = d.error.replace("\n", " ")[:80] or "-"
        lines.append(
            f"{d.id:<38} {d.event:<22} {(d.repo or '-'):<32} {d.status:<8} "
            f"{d.attempts:>5} {age(at - d.received):<5} {error}"
        )
    return lines


@dataclass(frozen=True)
class GitHubRedelivery:
    """Asks GitHub to deliver again, by ``X-GitHub-Delivery`` id (GitHub's ``guid``)."""

    github: RestPort  # acting as the App (its JWT)

    def ask(self, guids: Sequence[str]) -> tuple[list[str], list[str]]:
        """(asked, not found among the App's recent deliveries)."""
        if not guids:
            return [], []
        listed = self.github.call(HOOK_DELIVERIES, params={"per_page": SEARCHED}) or []
        by_guid: dict[str, int] = {}
        for item in listed:
            if isinstance(item, dict) and isinstance(item.get("id"), int):
                by_guid.setdefault(str(item.get("guid", "")), int(item["id"]))
        asked, missing = [], []
        for guid in guids:
            if guid not in by_guid:
                missing.append(guid)
                continue
            try:
                self.github.call(REDELIVER_HOOK, delivery_id=by_guid[guid])
            except GitHubError:
                missing.append(guid)
                continue
            asked.append(guid)
        return asked, missing


@dataclass(frozen=True)
class RedeliverReport:
    """What happened to each id given to ``cohort app redeliver``."""

    requeued: tuple[str, ...]
    asked_github: tuple[str, ...]
    busy: tuple[str, ...]
    not_found: tuple[str, ...]

    def lines(self) -> list[str]:
        out = [f"requeued: {d}" for d in self.requeued]
        out += [f"asked GitHub to redeliver: {d}" for d in self.asked_github]
        out += [f"still queued or running, left alone: {d}" for d in self.busy]
        out += [
            f"not found (no stored body, not among GitHub's recent): {d}" for d in self.not_found
        ]
        return out


def redeliver(
    store: Store, ids: Sequence[str], now: float, github: GitHubRedelivery | None = None
) -> RedeliverReport:
    """Requeue stored deliveries; ask GitHub for the rest when it can (else report them)."""
    outcome = store.requeue(ids, now)
    absent = [*outcome.unknown, *outcome.no_body]
    asked, missing = github.ask(absent) if github else ([], absent)
    return RedeliverReport(outcome.requeued, tuple(asked), outcome.busy, tuple(missing))
