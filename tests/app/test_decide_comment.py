"""issue_comment decisions: /mentor asks the team's mentors, everything else is ignored."""

from __future__ import annotations

import pytest

from cohort.app.decide_comment import decide
from cohort.app.events import Event
from cohort.app.reactions import Comment, SetLabels
from tests.app.payloads import AURORA, DELTA, ctx, repo, user


def comment(
    body: str,
    *,
    by: str = "gabe-r",
    kind: str = "User",
    action: str = "created",
    full: str = AURORA,
) -> Event:
    payload = {
        "action": action,
        "issue": {"number": 3, "labels": []},
        "comment": {"body": body, "user": user(by, kind)},
        "repository": repo(full),
        "sender": user(by, kind),
    }
    return Event("issue_comment", "d-3", payload)


def test_mentor_command_labels_and_mentions_the_mentors() -> None:
    changes = decide(comment("I'm stuck on CORS.\n/mentor"), ctx())
    assert [c.after for c in changes if isinstance(c, SetLabels)] == [
        frozenset({"help-wanted-from-mentor"})
    ]
    [answer] = [c for c in changes if isinstance(c, Comment)]
    assert answer.number == 3
    assert "@alicia-dev: @gabe-r asked for a mentor's help" in answer.body


def test_mentors_marked_away_are_not_mentioned() -> None:
    base = ctx().cohort
    assert base is not None
    mentors = [m.model_copy(update={"away": m.handle == "dfischer"}) for m in base.mentors]
    from cohort.app.context import Context

    quiet = Context(base.model_copy(update={"mentors": mentors}), ctx().today)
    [answer] = [c for c in decide(comment("/mentor", full=DELTA), quiet) if isinstance(c, Comment)]
    assert "@alicia-dev:" in answer.body
    assert "dfischer" not in answer.body


@pytest.mark.parametrize(
    "event",
    [
        comment("please /mentor me"),  # not at the start of a line
        comment("```\n/mentor\n```"),  # inside a code block
        comment("/mentorship is great"),
        comment("/mentor", action="edited"),
        comment("/mentor", action="deleted"),
        comment("/mentor", by="cohort-mentors[bot]", kind="Bot"),
        comment("/mentor", full="omp-cohorts/website"),
    ],
)
def test_other_comments_change_nothing(event: Event) -> None:
    assert decide(event, ctx()) == []
