"""Meeting slots from the private sign-up data: parse, and keep only the slot text (pure)."""

from __future__ import annotations

import re

import yaml

from cohort.errors import InvalidInput, Problem

_SAFE = re.compile(r"^[\w :.,/()+–-]{1,80}$")


def parse_slots(text: str, file: str, teams: list[str]) -> dict[str, str]:
    """``{team slug: slot}`` from a private YAML file with a ``meetings:`` mapping.

    Only the slot text of each team is kept. A slot must be one short line with no
    e-mail address or link, because it is copied into the team's (maybe public) repository.
    """
    data = yaml.safe_load(text) or {}
    meetings = data.get("meetings") if isinstance(data, dict) else None
    if not isinstance(meetings, dict):
        raise InvalidInput([Problem(file, 1, 1, "meetings", "expected a mapping team: slot")])
    problems: list[Problem] = []
    slots: dict[str, str] = {}
    for team, slot in meetings.items():
        where = f"meetings.{team}"
        if str(team) not in teams:
            problems.append(Problem(file, 0, 0, where, f"unknown team '{team}'"))
        elif not isinstance(slot, str) or not _SAFE.match(slot.strip()):
            problems.append(
                Problem(file, 0, 0, where, "a slot is one short line such as 'Tuesdays 18:00'")
            )
        else:
            slots[str(team)] = slot.strip()
    if problems:
        raise InvalidInput(problems)
    return slots
