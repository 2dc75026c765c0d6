"""issue_comment: ``/mentor`` asks the team's mentors for help; a mentor's answer settles it."""

from __future__ import annotations

import re
from typing import Any

from cohort.app.context import Context
from cohort.app.events import Event, dig, label_names, number, text
from cohort.app.pull_state import HELP, is_bot
from cohort.app.reactions import Comment, Reaction, label_change
from cohort.app.reviewers import available_mentors, team_for_repo
from cohort.config.naming import marker

__all__ = ["COMMAND", "HELP", "decide", "is_command", "reply_marker"]

COMMAND = re.compile(r"^\s*/mentor(?:\s|$)", re.MULTILINE)


def is_command(body: str) -> bool:
    """Whether a comment contains ``/mentor`` at the start of a line (not inside code)."""
    outside_code = re.sub(r"```.*?(```|\Z)", "", body, flags=re.DOTALL)
    return COMMAND.search(outside_code) is not None


def reply_marker(issue: int, comment: Any) -> str:
    """The hidden marker of the App's one reply to one ``/mentor`` comment."""
    key = str(number(comment, "id") or text(comment, "node_id") or "")
    return marker("mentor-help", f"{issue}/{key}" if key else str(issue))


def decide(event: Event, ctx: Context) -> list[Reaction]:
    """``/mentor``: label and mention the mentors not away (organizers if all are), once.

    A mentor's comment on an issue that asks for help answers it: the label goes.
    """
    issue = dig(event.payload, "issue")
    num = number(issue, "number")
    comment = dig(event.payload, "comment")
    if event.action != "created" or ctx.cohort is None or num is None:
        return []
    team = team_for_repo(ctx.cohort, event.repo)
    if team is None or is_bot(dig(comment, "user")):
        return []
    before = ctx.labels if ctx.labels is not None else label_names(dig(issue, "labels"))
    author = text(comment, "user", "login").lower()
    if not is_command(text(comment, "body")):
        if HELP in before and author in {m.lower() for m in team.mentors}:
            return label_change(event.repo, num, before, before - {HELP})
        return []
    changes = label_change(event.repo, num, before, before | {HELP})
    tag = reply_marker(num, comment)
    if any(tag in body for body in ctx.comments or ()):
        return changes  # already answered (a redelivery, or the workflow and the App both ran)
    people = available_mentors(ctx.cohort, team) or list(ctx.cohort.organizers)
    mentions = " ".join(f"@{p}" for p in people)
    body = (
        f"{tag}\n"
        f"{mentions}: @{text(comment, 'user', 'login')} asked for a mentor's help here. "
        "A mentor will reply in this thread."
    )
    return [*changes, Comment(event.repo, num, body)]
