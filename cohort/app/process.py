"""One event end to end: parse, gather, decide (pure), apply — shared by server and workflow."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from cohort.app import github_io
from cohort.app.clients import ClientFactory
from cohort.app.context import Context
from cohort.app.decide import decide, is_own
from cohort.app.events import HANDLED, Event, parse_event
from cohort.app.gather import NEEDS_COHORT, Gatherer
from cohort.app.github_io import Tracker
from cohort.app.reactions import Comment, Reaction
from cohort.config.naming import marker
from cohort.github.ports import RestPort

SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,100}")


@dataclass(frozen=True)
class Outcome:
    """What handling one event did."""

    changes: tuple[Reaction, ...]
    writes: int


@dataclass
class Processor:
    """Handles verified deliveries; raises on GitHub failures so the caller can retry."""

    clients: ClientFactory
    gatherer: Gatherer
    track: Tracker | None = None

    def handle(self, name: str, delivery: str, body: bytes) -> Outcome:
        """Parse and handle one delivery (the body must already be verified)."""
        if name not in HANDLED:
            return Outcome((), 0)
        return self.handle_event(parse_event(name, delivery, body))

    def handle_event(self, event: Event) -> Outcome:
        """Gather, decide and apply; the App's own events cost no request at all."""
        quiet = Context(None, self.gatherer.today(None), self.gatherer.app_login)
        if is_own(event, quiet):
            return Outcome((), 0)
        if event.name not in NEEDS_COHORT:  # installation events: the store only
            changes = decide(event, quiet)
            github_io.apply_local(changes, self.track)
            return Outcome(tuple(changes), 0)
        client = self.clients.for_installation(event.installation_id)
        changes = decide(event, self.gatherer.context(event, client))
        changes = once_per_delivery(client, changes, event.delivery)
        writes = github_io.apply(client, changes, self.track)
        return Outcome(tuple(changes), writes)


def once_per_delivery(client: RestPort, changes: list[Reaction], delivery: str) -> list[Reaction]:
    """Stamp comments with the delivery id; drop those a previous attempt already posted.

    Labels and review requests are decided from a fresh read of the pull request, so doing
    them again changes nothing; a comment is the one effect that would double when a claim is
    retaken after the comment was posted (an instance died before marking the delivery done).
    """
    if not SAFE_ID.fullmatch(delivery):  # it goes inside an HTML comment
        return changes
    stamp = marker("delivery", delivery)
    out: list[Reaction] = []
    for change in changes:
        if isinstance(change, Comment):
            if github_io.has_comment_with(client, change.repo, change.number, stamp):
                continue
            change = replace(change, body=f"{change.body}\n{stamp}")
        out.append(change)
    return out
