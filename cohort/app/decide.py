"""Route an event to its pure handler; never react to the App's own events."""

from __future__ import annotations

from collections.abc import Callable

from cohort.app import decide_comment, decide_install, decide_issue, decide_pull, decide_review
from cohort.app.context import Context
from cohort.app.events import Event
from cohort.app.reactions import Reaction

Handler = Callable[[Event, Context], list[Reaction]]

HANDLERS: dict[str, Handler] = {
    "pull_request": decide_pull.decide,
    "pull_request_review": decide_review.decide,
    "issue_comment": decide_comment.decide,
    "issues": decide_issue.decide,
    "installation": decide_install.decide,
    "installation_repositories": decide_install.decide,
}


def is_own(event: Event, ctx: Context) -> bool:
    """Whether the App itself caused this event (acting on it could loop)."""
    return bool(ctx.app_login) and event.sender.lower() == ctx.app_login.lower()


def decide(event: Event, ctx: Context) -> list[Reaction]:
    """The changes an event calls for; unknown events and actions call for none."""
    handler = HANDLERS.get(event.name)
    if handler is None or is_own(event, ctx):
        return []
    return handler(event, ctx)
