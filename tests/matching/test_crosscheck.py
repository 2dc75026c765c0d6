"""Duplicates, unknown projects and unknown people across sign-ups are all reported."""

from __future__ import annotations

from cohort.matching.crosscheck import check_rules, check_signups
from cohort.matching.model import MenteeSignup, MentorSignup, ProjectInfo, Rules, Source

PROJECTS = [ProjectInfo("campus-events"), ProjectInfo("study-buddy-api")]


def test_cross_reference_problems_name_issue_field_and_a_suggestion() -> None:
    mentees = [
        MenteeSignup(
            "ana",
            "Ana",
            "senior",
            {},
            1,
            ("campus-event",),
            with_people=("bo",),
            source=Source("issue #1"),
        ),
        MenteeSignup(
            "Ana", "Ana", "senior", {}, 1, (), not_with=("ana",), source=Source("issue #2")
        ),
    ]
    mentors = [MentorSignup("lead", "L", frozenset(), 1, 1, ("nope",), True, Source("m.csv", 2))]
    assert [str(p) for p in check_signups(mentees, mentors, PROJECTS)] == [
        "issue #2 GitHub handle: 'Ana' signed up as a mentee and already as a mentee "
        "(issue #1) (close or remove one sign-up; nothing is dropped silently)",
        "issue #1 Project preferences: unknown project 'campus-event' "
        "(did you mean 'campus-events'?)",
        "issue #1 Team with: 'bo' has not signed up (ask them to sign up, or remove the name)",
        "issue #2 Not with: names the applicant themself",
        "m.csv:2:1 Projects you can lead: unknown project 'nope' "
        "(known: campus-events, study-buddy-api)",
    ]


def test_organizer_pairs_must_name_people_who_signed_up() -> None:
    mentees = [MenteeSignup("ana", "Ana", "senior", {}, 1)]
    rules = Rules(pairs=(("ana", "bob"),), apart=(("anna", "ana"),))
    assert [str(p) for p in check_rules(rules, mentees, [])] == [
        "--pair ana,bob: 'bob' has not signed up",
        "--apart anna,ana: 'anna' has not signed up (did you mean 'ana'?)",
    ]
