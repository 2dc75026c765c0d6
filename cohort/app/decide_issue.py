"""issues: a closed issue no longer asks for a mentor's help."""

from __future__ import annotations

from cohort.app.context import Context
from cohort.app.events import Event, dig, label_names, number
from cohort.app.pull_state import HELP
from cohort.app.reactions import Reaction, label_change
from cohort.app.reviewers import team_for_repo


def decide(event: Event, ctx: Context) -> list[Reaction]:
    """Closing an issue of a team repository removes ``help-wanted-from-mentor``."""
    issue = dig(event.payload, "issue")
    num = number(issue, "number")
    if event.action != "closed" or ctx.cohort is None or num is None:
        return []
    if team_for_repo(ctx.cohort, event.repo) is None:
        return []
    before = ctx.labels if ctx.labels is not None else label_names(dig(issue, "labels"))
    return label_change(event.repo, num, before, before - {HELP})
