"""Build the Context of an event: the cohort, today, and the reads its handler needs."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from cohort.app import github_io as io
from cohort.app.areas import CONFIG_PATH, AreaRules, parse_rules
from cohort.app.context import Context
from cohort.app.decide_pull import ACTIONS
from cohort.app.events import Event, number, text
from cohort.app.reviewers import team_for_repo
from cohort.app.source import CohortSource
from cohort.clock import Clock
from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.github.ports import RestPort

NEEDS_COHORT = frozenset({"pull_request", "pull_request_review", "issue_comment"})


@dataclass
class Gatherer:
    """Reads for ``decide``, with the team repository's label rules cached for ``ttl`` s."""

    source: CohortSource
    clock: Clock
    app_login: str = ""
    ttl: float = 300.0
    _rules: dict[str, tuple[float, AreaRules]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def context(self, event: Event, client: RestPort) -> Context:
        """Everything the event's handler needs; pull requests cost 2–3 reads."""
        cohort = self.source.get(event.org, client) if event.name in NEEDS_COHORT else None
        today = self.today(cohort)
        base = Context(cohort, today, self.app_login)
        if cohort is None or event.name != "pull_request" or event.action not in ACTIONS:
            return base
        team = team_for_repo(cohort, event.repo)
        num = number(event.payload, "pull_request", "number")
        if team is None or num is None or event.sender.lower() == self.app_login.lower():
            return base
        pulls, load = self.load(client, cohort, event.repo, team.mentors)
        labels, requested = io.fresh_state(pulls, num)
        return Context(
            cohort,
            today,
            self.app_login,
            area_rules=self.rules(
                client, event.repo, text(event.payload, "pull_request", "base", "ref")
            ),
            files=io.pull_files(client, event.repo, num),
            load=load,
            requested=requested,
            labels=labels,
        )

    def today(self, cohort: CohortFile | None) -> dt.date:
        """Today in the cohort's time zone (UTC without a cohort)."""
        zone = ZoneInfo(cohort.calendar.timezone if cohort else "UTC")
        return dt.datetime.fromtimestamp(self.clock.wall(), zone).date()

    def load(
        self, client: RestPort, cohort: CohortFile, repo: str, mentors: list[str]
    ) -> tuple[list[dict[str, object]], dict[str, int]]:
        """Open PRs of this repo, and review load over the repos the same mentors lead."""
        own = io.open_pulls(client, repo)
        every = list(own)
        wanted = {m.lower() for m in mentors}
        org = cohort.program.organization
        for team in cohort.teams:
            other = f"{org}/{repo_name(cohort, team)}"
            if other.lower() != repo.lower() and wanted & {m.lower() for m in team.mentors}:
                every += io.open_pulls(client, other)
        return list(own), io.review_load(every)

    def rules(self, client: RestPort, repo: str, ref: str) -> AreaRules:
        """The label path rules from the base branch (never from the PR's own head)."""
        key = f"{repo}@{ref}"
        with self._lock:
            hit = self._rules.get(key)
            if hit is not None and self.clock.now() - hit[0] < self.ttl:
                return hit[1]
        rules = parse_rules(io.file_text(client, repo, CONFIG_PATH, ref or None))
        with self._lock:
            self._rules[key] = (self.clock.now(), rules)
        return rules
