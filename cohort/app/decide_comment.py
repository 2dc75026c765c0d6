"""issue_comment: ``/mentor`` asks the team's mentors for help, answered with a comment."""

from __future__ import annotations

import re

from cohort.app.context import Context
from cohort.app.decide_pull import is_bot
from cohort.app.events import Event, dig, label_names, number, text
from cohort.app.reactions import Comment, Reaction, label_change
from cohort.app.reviewers import available_mentors, team_for_repo
from cohort.config.naming import marker

HELP = "help-wanted-from-mentor"
COMMAND = re.compile(r"^\s*/mentor(?:\s|$)", re.MULTILINE)


def is_command(body: str) -> bool:
    """Whether a comment contains ``/mentor`` at the start of a line (not inside code)."""
    outside_code = re.sub(r"```.*?(```|\Z)", "", body, flags=re.DOTALL)
    return COMMAND.search(outside_code) is not None


def decide(event: Event, ctx: Context) -> list[Reaction]:
    """Label the issue and mention the mentors who are not away (organizers if all are)."""
    issue = dig(event.payload, "issue")
    num = number(issue, "number")
    comment = dig(event.payload, "comment")
    if event.action != "created" or ctx.cohort is None or num is None:
        return []
    if is_bot(dig(comment, "user")) or not is_command(text(comment, "body")):
        return []
    team = team_for_repo(ctx.cohort, event.repo)
    if team is None:
        return []
    people = available_mentors(ctx.cohort, team) or list(ctx.cohort.organizers)
    asker = text(comment, "user", "login")
    mentions = " ".join(f"@{p}" for p in people)
    body = (
        f"{marker('mentor-help', str(num))}\n"
        f"{mentions}: @{asker} asked for a mentor's help here. "
        "A mentor will reply in this thread."
    )
    before = ctx.labels if ctx.labels is not None else label_names(dig(issue, "labels"))
    changes = label_change(event.repo, num, before, before | {HELP})
    changes.append(Comment(event.repo, num, body))
    return changes
