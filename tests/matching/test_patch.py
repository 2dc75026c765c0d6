"""Appending to cohort.yml keeps every line and comment and reads back as intended."""

from __future__ import annotations

import yaml

from cohort.config.load import parse_cohort
from cohort.matching.patch import Item, append_items, scalar
from tests.conftest import EXAMPLE, KNOWN_TEMPLATES

TEAM = {"slug": "echo", "project": "campus-events", "mentees": ["ivan-p"], "mentors": ["bkumar"]}


def test_appending_to_a_block_list_keeps_the_rest_of_the_file() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    out = append_items(text, "teams", [TEAM], flow=False, comment="added")
    assert out.startswith(text[: text.index("repositories:")].rstrip("\n"))
    assert "    mentors: [dfischer, alicia-dev]\n  # added\n  - slug: echo\n" in out
    assert out.endswith(text[text.index("\nrepositories:") :])
    assert len(yaml.safe_load(out)["teams"]) == 5


def test_flow_items_are_added_after_the_last_mentee() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    person = {"handle": "rosa-l", "name": "Rosa Luna", "level": "senior", "skills": ["css"]}
    out = append_items(text, "mentees", [person], flow=True, comment="")
    assert 'skills: [postgres, python]}\n  - {handle: rosa-l, name: "Rosa Luna"' in out
    assert yaml.safe_load(out)["mentees"][-1] == person


def test_an_empty_list_becomes_a_block_list_and_keeps_its_comment() -> None:
    out = append_items("a: 1\nteams: []   # later\nb: 2\n", "teams", [TEAM], flow=False, comment="")
    assert out.startswith("a: 1\nteams:   # later\n  - slug: echo\n")
    assert yaml.safe_load(out)["b"] == 2


def test_a_missing_key_is_added_at_the_end() -> None:
    out = append_items("a: 1\n", "teams", [TEAM], flow=False, comment="new")
    assert yaml.safe_load(out)["teams"] == [TEAM]


def test_ambiguous_words_are_quoted() -> None:
    assert [scalar(v) for v in ("yes", "on", "12", "a b", "o'neil", "ana")] == [
        '"yes"',
        '"on"',
        '"12"',
        '"a b"',
        '"o\'neil"',
        "ana",
    ]


def test_the_patched_example_still_validates() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    team = {**TEAM, "mentees": ["rosa-l"], "mentors": ["yara-m"]}
    person: Item = {"handle": "rosa-l", "name": "Rosa", "level": "senior", "skills": ["css"]}
    lead: Item = {"handle": "yara-m", "name": "Yara", "capacity": 1, "induction": "completed"}
    text = append_items(text, "mentees", [person], flow=True, comment="")
    text = append_items(text, "mentors", [lead], flow=False, comment="")
    text = append_items(text, "teams", [team], flow=False, comment="")
    assert len(parse_cohort(text, "cohort.yml", KNOWN_TEMPLATES).cohort.teams) == 5
