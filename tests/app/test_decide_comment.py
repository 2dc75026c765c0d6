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
    labels: tuple[str, ...] = (),
) -> Event:
    payload = {
        "action": action,
        "issue": {"number": 3, "labels": [{"name": n} for n in labels]},
        "comment": {"id": 901, "body": body, "user": user(by, kind)},
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


def test_one_reply_per_mentor_line_even_when_handled_twice() -> None:
    event = comment("/mentor")
    [first] = [c for c in decide(event, ctx()) if isinstance(c, Comment)]
    again = decide(event, ctx(comments=("hi", first.body)))
    assert [c for c in again if isinstance(c, Comment)] == []
    other = comment("/mentor again, please")
    other.payload["comment"]["id"] = 902
    assert (
        len([c for c in decide(other, ctx(comments=(first.body,))) if isinstance(c, Comment)]) == 1
    )


@pytest.mark.parametrize(
    ("by", "after"),
    [
        ("alicia-dev", frozenset({"bug"})),  # the team's mentor answered: settled
        ("hana-k", None),  # a teammate's comment is no answer
        ("bkumar", None),  # nor another team's mentor
    ],
)
def test_a_mentor_answer_removes_the_help_label(by: str, after: frozenset[str] | None) -> None:
    event = comment("Try the proxy setting.", by=by, labels=("bug", "help-wanted-from-mentor"))
    found = [c.after for c in decide(event, ctx()) if isinstance(c, SetLabels)]
    assert (found[0] if found else None) == after


def test_closing_an_issue_removes_the_help_label() -> None:
    from cohort.app.decide_issue import decide as decide_issue

    payload = {
        "action": "closed",
        "issue": {"number": 3, "labels": [{"name": "help-wanted-from-mentor"}]},
        "repository": repo(AURORA),
        "sender": user("gabe-r"),
    }
    [change] = decide_issue(Event("issues", "d-4", payload), ctx())
    assert isinstance(change, SetLabels)
    assert change.after == frozenset()
    payload["action"] = "reopened"
    assert decide_issue(Event("issues", "d-5", payload), ctx()) == []
