"""Build the Context of an event: the cohort, today, and the reads its handler needs."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from cohort.app import decide_pull, decide_review
from cohort.app import github_io as io
from cohort.app.areas import CONFIG_PATH, AreaRules, parse_rules
from cohort.app.context import Context
from cohort.app.decide_comment import is_command
from cohort.app.events import Event, number, text
from cohort.app.reviewers import available_mentors, team_for_repo
from cohort.app.source import CohortSource
from cohort.clock import Clock
from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.github.ports import RestPort

NEEDS_COHORT = frozenset({"pull_request", "pull_request_review", "issue_comment", "issues"})
PULL_ACTIONS = {"pull_request": decide_pull.ACTIONS, "pull_request_review": decide_review.ACTIONS}


def is_help_command(event: Event) -> bool:
    """A new ``/mentor`` comment (the one event whose handler reads the thread)."""
    body = text(event.payload, "comment", "body")
    return event.name == "issue_comment" and event.action == "created" and is_command(body)


def wants_pull_state(event: Event) -> bool:
    """Whether the handler settles a pull request (and so needs its current state)."""
    return event.action in PULL_ACTIONS.get(event.name, frozenset())


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
        """Everything the event's handler needs; pull requests cost about 4–5 reads."""
        cohort = self.source.get(event.org, client) if event.name in NEEDS_COHORT else None
        today = self.today(cohort)
        base = Context(cohort, today, self.app_login)
        if cohort is None:
            return base
        if is_help_command(event):  # read the thread: one reply per /mentor comment, ever
            num = number(event.payload, "issue", "number")
            if num is not None and team_for_repo(cohort, event.repo) is not None:
                return replace(base, comments=io.comment_bodies(client, event.repo, num))
            return base
        if not wants_pull_state(event):
            return base
        team = team_for_repo(cohort, event.repo)
        num = number(event.payload, "pull_request", "number")
        if team is None or num is None or event.sender.lower() == self.app_login.lower():
            return base
        pull = io.current_pull(client, event.repo, num)
        if not pull.open:  # closing only moves labels: no files, no load
            return replace(base, pull=pull)
        load = self.load(client, cohort, event.repo, team.mentors)
        others = [m for m in available_mentors(cohort, team) if m.lower() != pull.author]
        comments = None if others else io.comment_bodies(client, event.repo, num)
        return replace(
            base,
            area_rules=self.rules(
                client, event.repo, text(event.payload, "pull_request", "base", "ref")
            ),
            files=io.pull_files(client, event.repo, num),
            load=load,
            pull=pull,
            comments=comments,
        )

    def today(self, cohort: CohortFile | None) -> dt.date:
        """Today in the cohort's time zone (UTC without a cohort)."""
        zone = ZoneInfo(cohort.calendar.timezone if cohort else "UTC")
        return dt.datetime.fromtimestamp(self.clock.wall(), zone).date()

    def load(
        self, client: RestPort, cohort: CohortFile, repo: str, mentors: list[str]
    ) -> dict[str, int]:
        """Open review requests per mentor over the repos the same mentors lead."""
        every = io.open_pulls(client, repo)
        wanted = {m.lower() for m in mentors}
        org = cohort.program.organization
        for team in cohort.teams:
            other = f"{org}/{repo_name(cohort, team)}"
            if other.lower() != repo.lower() and wanted & {m.lower() for m in team.mentors}:
                every += io.open_pulls(client, other)
        return io.review_load(every)

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
