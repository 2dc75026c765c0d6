"""Check-in prompts: the four questions, with ideas that fit each phase (pure data)."""

from __future__ import annotations

HEADINGS: tuple[str, ...] = (
    "What I did",
    "What I will do",
    "Where I am blocked",
    "A question for my mentor",
)

PHASE_INTRO: dict[str, str] = {
    "design": (
        "We are in the **design** phase: you decide what to build, for whom, and how the "
        "parts fit together. Nothing has to be perfect yet."
    ),
    "code": (
        "We are in the **code** phase: you build the project in small pull requests, "
        "with tests, and your mentors review them."
    ),
    "deployment": (
        "We are in the **deployment** phase: you put the project online, fix the last "
        "bugs and write down how it works, so that you can show it to others."
    ),
}

PHASE_IDEAS: dict[str, tuple[str, ...]] = {
    "design": (
        "What I did: people I talked to, ideas I wrote down, a sketch of a screen or an API.",
        "What I will do: one small design task, for example a list of features or a diagram.",
        "Where I am blocked: a word I don't understand, a choice the team can't agree on.",
        "A question for my mentor: how would you split this project into parts?",
    ),
    "code": (
        "What I did: pull requests I opened or reviewed, tests I wrote, bugs I fixed.",
        "What I will do: the next small pull request, and who will review it.",
        "Where I am blocked: an error message, a failing test, a pull request waiting for review.",
        "A question for my mentor: how would you test this, or how would you name this?",
    ),
    "deployment": (
        "What I did: what is online now, what I fixed, what I wrote in the README.",
        "What I will do: the last thing to ship, or the demo I will give.",
        "Where I am blocked: a secret or a setting I don't have, a build that fails online.",
        "A question for my mentor: how do I talk about this project in a job interview?",
    ),
}

OFF_CALENDAR_INTRO = (
    "This week is outside the three phases. Use it to catch up and to help your teammates."
)


def intro(phase: str | None) -> str:
    """The sentence that says which phase we are in."""
    return PHASE_INTRO.get(phase or "", OFF_CALENDAR_INTRO)


def ideas(phase: str | None) -> tuple[str, ...]:
    """Ideas for each of the four answers, for the phase (code ideas when off the calendar)."""
    return PHASE_IDEAS.get(phase or "", PHASE_IDEAS["code"])
