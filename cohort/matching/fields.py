"""Readers for single sign-up answers (level, skills, handles, …); each raises ValueError."""

from __future__ import annotations

import re
from typing import cast

from cohort.config.model import HANDLE_RE, Level
from cohort.matching.model import SkillLevel
from cohort.skills import normalize, skills_in_prose, vocabulary

_LEVEL_WORDS: tuple[tuple[str, Level], ...] = (
    ("first", "first-year"),
    ("1st", "first-year"),
    ("second", "second-year"),
    ("2nd", "second-year"),
    ("senior", "senior"),
    ("professional", "professional"),
    ("working", "professional"),
)
_SKILL_LEVELS: dict[str, SkillLevel] = {
    "beginner": 1,
    "basic": 1,
    "1": 1,
    "intermediate": 2,
    "2": 2,
    "advanced": 3,
    "expert": 3,
    "3": 3,
}
_SPLIT = re.compile(r"[,;\n]+")
_HANDLE = re.compile(HANDLE_RE)
_NO_ANSWER = {"", "_no response_", "none", "n/a", "-"}


def items(text: str) -> list[str]:
    """Comma-, semicolon- or line-separated answers, without list markers and blanks."""
    out = []
    for part in _SPLIT.split(text):
        item = re.sub(r"^\s*(?:[-*]|\d+[.)])\s+", "", part).strip()
        if item and item.lower() not in _NO_ANSWER:
            out.append(item)
    return out


def blank(text: str) -> bool:
    """Whether an answer is empty (including GitHub's ``_No response_``)."""
    return text.strip().lower() in _NO_ANSWER


def level(text: str) -> Level:
    """``First-year student``, ``senior``, ``Working professional`` … as a cohort Level."""
    lowered = text.strip().lower()
    for word, value in _LEVEL_WORDS:
        if word in lowered:
            return value
    raise ValueError(
        f"unknown level {text.strip()!r}",
    )


def skills(text: str) -> dict[str, SkillLevel]:
    """``python: advanced, css (beginner), Golang`` → {skill: 1..3}; a bare name is 2.

    Names are normalized (:mod:`cohort.skills`: ``Go``, ``GO``, ``Golang``, ``Go (required)``
    are all ``go``); a note in parentheses that is not a level is dropped; an answer that is a
    sentence rather than a name is read as prose and the skills it names are kept.
    """
    out: dict[str, SkillLevel] = {}
    for item in items(text):
        match = re.match(r"^(.+?)\s*(?::|\(|=)\s*([a-z0-9]+)\)?$", item.lower())
        name, grade = (match.group(1), match.group(2)) if match else (item, "2")
        if grade not in _SKILL_LEVELS:
            if ":" in item or "=" in item:
                raise ValueError(f"unknown skill level {grade!r} for {normalize(name)!r}")
            name, grade = item, "2"  # "Go (required)": a note, not a level
        if _is_prose(normalize(name)):
            for found in skills_in_prose(item):
                out.setdefault(found, 2)
            continue
        if normalize(name):
            out[normalize(name)] = _SKILL_LEVELS[grade]
    return out


def _is_prose(name: str) -> bool:
    """A sentence rather than a skill name: long, or three words that name no known skill."""
    return len(name) > 40 or (len(name.split()) >= 3 and name not in vocabulary())


def skill_names(text: str) -> frozenset[str]:
    """Skill names only (levels, if given, are read and dropped)."""
    return frozenset(skills(text))


def handle(text: str) -> str:
    """A GitHub login, with or without the leading ``@``."""
    value = text.strip().removeprefix("@")
    if not _HANDLE.match(value) or "--" in value:
        raise ValueError(f"{text.strip()!r} is not a GitHub login")
    return value


def handles(text: str) -> tuple[str, ...]:
    """A list of GitHub logins."""
    return tuple(handle(item) for item in items(text))


def project_ids(text: str) -> tuple[str, ...]:
    """Ranked project ids (``1. campus-events`` …), duplicates refused."""
    out = tuple(item.lower() for item in items(text))
    seen = {value for value in out if out.count(value) > 1}
    if seen:
        raise ValueError(f"project {sorted(seen)[0]!r} is listed twice")
    return out


def capacity(text: str) -> int:
    """How many teams a mentor can lead: a whole number from 1 to 10."""
    match = re.match(r"^\s*(\d+)", text)
    if not match or not 1 <= int(match.group(1)) <= 10:
        raise ValueError(f"capacity {text.strip()!r} is not a whole number from 1 to 10")
    return int(match.group(1))


def inducted(text: str) -> bool:
    """Induction status: a ticked box, ``completed``, ``yes`` or ``true`` mean done."""
    lowered = text.strip().lower()
    if blank(lowered) or lowered in ("pending", "no", "false", "not yet"):
        return False
    if any(word in lowered for word in ("complet", "yes", "true", "done", "induction")):
        return True
    raise ValueError(f"induction {text.strip()!r} is neither completed nor pending")


def attributes(text: str) -> frozenset[str]:
    """Self-declared groups (ticked boxes); ``prefer not to say`` counts as none."""
    found = {item.lower() for item in items(text)}
    return frozenset(value for value in found if "prefer not" not in value)


def cast_level(value: str) -> Level:
    """A Level already known to be valid (for readers of stored values)."""
    return cast(Level, value)
