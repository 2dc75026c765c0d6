"""Read check-in answers: who answered, which blockers are still open (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cohort.mentoring.prompts import HEADINGS

CARRIED_HEADING = "### Still open from last week"
_NOTHING = {"", "-", "none", "nothing", "no", "n/a", "na", "nope", "not blocked", "no blockers"}
_ITEM = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+@([A-Za-z0-9-]+):\s*(.+?)\s*$")
_WEEK = re.compile(r"\s*\(week \d+\)$")


@dataclass(frozen=True)
class Comment:
    """A comment on a check-in issue."""

    author: str
    body: str


@dataclass(frozen=True)
class Blocker:
    """Something a mentee is stuck on, and the week it was first written down."""

    author: str
    text: str
    week: int

    def line(self) -> str:
        return f"- [ ] @{self.author}: {self.text} (week {self.week})"


def answered(comments: list[Comment], mentees: list[str]) -> tuple[str, ...]:
    """Mentees who wrote at least one comment, in team order."""
    authors = {c.author.lower() for c in comments}
    return tuple(m for m in mentees if m.lower() in authors)


def section(body: str, heading: str) -> str:
    """The text under ``heading`` (a line that contains it) up to the next known heading."""
    out: list[str] = []
    inside = False
    for line in body.splitlines():
        bare = line.strip().strip("*#: ").strip()
        if bare.lower() in {h.lower() for h in HEADINGS}:
            inside = bare.lower() == heading.lower()
            continue
        if inside:
            out.append(line.strip())
    return " ".join(x for x in out if x).strip()


def new_blockers(comments: list[Comment], week: int) -> list[Blocker]:
    """Blockers written in this week's answers (nothing, none, - … do not count)."""
    out = []
    for c in comments:
        text = section(c.body, "Where I am blocked").lstrip("-* ").strip()
        if text.lower().rstrip(".!") not in _NOTHING:
            out.append(Blocker(c.author, _one_line(text), week))
    return out


def carried_blockers(body: str) -> list[Blocker]:
    """Blockers carried into a check-in body that nobody has ticked yet."""
    out: list[Blocker] = []
    inside = False
    for line in body.splitlines():
        if line.startswith("### "):
            inside = line.strip() == CARRIED_HEADING
            continue
        found = _ITEM.match(line) if inside else None
        if found and found.group(1) == " ":
            week = re.search(r"\(week (\d+)\)$", found.group(3))
            text = _WEEK.sub("", found.group(3))
            out.append(Blocker(found.group(2), text, int(week.group(1)) if week else 0))
    return out


def open_blockers(previous_body: str, comments: list[Comment], week: int) -> list[Blocker]:
    """Last week's unticked carried blockers and its new ones, without repeats."""
    seen: set[tuple[str, str]] = set()
    out = []
    for b in carried_blockers(previous_body) + new_blockers(comments, week):
        key = (b.author.lower(), b.text.lower())
        if key not in seen:
            seen.add(key)
            out.append(b)
    return out


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
