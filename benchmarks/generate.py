"""Generate cohorts for tests and benchmarks: uniform large ones, and messy realistic ones."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import yaml


def cohort_text(teams: int, *, org: str = "bench-org", onboarding: bool = False) -> str:
    """A valid cohort.yml with ``teams`` teams (issue 16's workload: no onboarding issues,
    unless ``onboarding``)."""
    switch = "" if onboarding else "onboarding_issues: false, "
    lines = [
        "version: 1",
        "program: {" + switch + "name: Bench Program, cohort: bench, organization: " + org + "}",
        "calendar: {start: 2027-02-01, weeks: 12, timezone: UTC}",
        "organizers: [olga-org]",
        "repositories: {visibility: public}",
        "projects:",
        "  - {id: site, title: Site, brief: A site., template: web-frontend, skills: [js]}",
        "  - {id: api, title: API, brief: An API., template: python-api, skills: [python]}",
        "  - {id: report, title: Report, brief: A report., template: data-report}",
        "mentors:",
    ]
    lines += [
        f"  - {{handle: mentor{i}, name: Mentor {i}, capacity: 1, induction: completed}}"
        for i in range(teams)
    ]
    lines.append("mentees:")
    lines += [
        f"  - {{handle: mentee{i}, name: Mentee {i}, level: first-year}}" for i in range(teams * 3)
    ]
    lines.append("teams:")
    projects = ("site", "api", "report")
    for i in range(teams):
        mentees = ", ".join(f"mentee{3 * i + k}" for k in range(3))
        lines.append(
            f"  - {{slug: team{i}, project: {projects[i % 3]}, mentees: [{mentees}], "
            f"mentors: [mentor{i}]}}"
        )
    return "\n".join(lines) + "\n"


# -- messy, realistic programs ------------------------------------------------------------------
# Shaped like real mentorship terms: 65 projects, ~100 mentors, about a third of them on several
# teams (up to 5), 1-4 mentors per team, the same handle spelled in different case in different
# places, long briefs near the 2,000-character limit, non-ASCII names, and some mentees already
# members of the organization while others are not yet.

_GIVEN = (
    "José",
    "Zoë",
    "Łucja",
    "Søren",
    "Ayşe",
    "Nguyễn",
    "Anaïs",
    "Björn",
    "Chloé",
    "Dvořák",
    "Émile",
    "Jürgen",
    "Małgorzata",
    "Ngozi",
    "Oğuz",
    "Priya",
    "Ramón",
    "Siobhán",
    "Tomás",
    "李雷",
    "Ana",
    "Ben",
    "Chen",
    "Dana",
    "Eli",
    "Farah",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
)
_FAMILY = (
    "Núñez",
    "Łukasiewicz",
    "Kierkegård",
    "Yılmaz",
    "Thị Minh",
    "Müller",
    "Ólafsdóttir",
    "Ćosić",
    "Brontë",
    "Ferreira",
    "García",
    "Håkansson",
    "Nakamura",
    "Okafor",
    "Smith",
    "Zhang",
)
_WORDS = (
    "accessible",
    "offline-first",
    "dashboard",
    "pipeline",
    "mentors",
    "contributors",
    "données",
    "análisis",
    "plugin",
    "translation",
    "über",
    "localisation",
    "benchmarks",
    "documentation",
    "community",
    "API",
    "schema",
    "tests",
    "release",
    "packaging",
)
_TEMPLATES = ("web-frontend", "python-api", "data-report")


@dataclass(frozen=True)
class MessyProgram:
    """A generated cohort.yml and who is already a member of its organization."""

    text: str
    org: str
    members: tuple[str, ...]
    outsiders: tuple[str, ...]
    mentors_per_team: tuple[int, ...]
    teams_per_mentor: dict[str, int] = field(default_factory=dict)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"


def _brief(rng: random.Random, long: bool) -> str:
    target = rng.randint(1850, 2000) if long else rng.randint(60, 400)
    words: list[str] = []
    length = 0
    while length < target:
        words.append(rng.choice(_WORDS))
        length += len(words[-1]) + 1
    return " ".join(words)[: target - 1].rstrip() + "."


_MARKDOWN = (
    "## Why\n\n{a} {b} for {c} and {d}: the {e} of {f} is what our users ask for first.\n\n",
    "## Goals\n\n- ship a {a} {b} with **{c}** and {d}\n- measure {e} before and after\n"
    "- document every {f} in `docs/`\n\n",
    "## Stretch\n\n1. {a} {b} ({c})\n2. [{d} notes](https://example.org/{e}) on {f}\n\n",
    "> Mentors: {a}, {b} and {c} — ask about {d} in the weekly call; {e} → {f}.\n\n",
    "```\n{a} --{b} {c}\n```\n\nTry `{d}` first; «{e}», 「{f}」 and “{a}” all belong here.\n\n",
)


def _markdown_brief(rng: random.Random) -> str:
    """A brief as people write them: Markdown near the 2,000-character limit, not all ASCII."""
    target = rng.randint(1900, 2000)
    text = ""
    while True:
        words = {k: rng.choice(_WORDS + _GIVEN + _FAMILY) for k in "abcdef"}
        more = rng.choice(_MARKDOWN).format(**words)
        if len(text) + len(more) > target:
            return (text + more)[:target].rstrip() + "\n"
        text += more


def _respell(handle: str, rng: random.Random) -> str:
    """The same login in another case, as people write it (about one reference in six)."""
    if rng.random() >= 1 / 6:
        return handle
    return rng.choice((handle.upper(), handle.capitalize(), handle.swapcase()))


def _loads(rng: random.Random, mentors: int, teams: int) -> list[int]:
    """Teams per mentor: 64 % lead one, 36 % lead 2-5; the total fits 1-4 mentors a team."""
    while True:
        loads = [1 if rng.random() < 0.64 else rng.randint(2, 5) for _ in range(mentors)]
        if teams <= sum(loads) <= 4 * teams:
            return loads


def _staff(rng: random.Random, loads: list[int], teams: int) -> list[list[int]]:
    """Mentor indexes per team: every team 1-4 mentors, no mentor twice on a team."""
    staff: list[list[int]] = [[] for _ in range(teams)]
    empty = list(range(teams))
    rng.shuffle(empty)
    open_teams = set(range(teams))
    for mentor in sorted(range(len(loads)), key=lambda m: -loads[m]):
        picked = [empty.pop() for _ in range(min(loads[mentor], len(empty)))]
        rest = sorted(open_teams - set(picked))
        picked += rng.sample(rest, min(loads[mentor] - len(picked), len(rest)))
        for team in picked:
            staff[team].append(mentor)
            if len(staff[team]) == 4:
                open_teams.discard(team)
    return staff


def messy_program(
    teams: int = 65, *, seed: int = 0, org: str = "omp-cohorts", long_briefs: bool = False
) -> MessyProgram:
    """A realistic, messy cohort of ``teams`` teams (65-1,000), deterministic for ``seed``.

    ``long_briefs``: every brief is Markdown near the 2,000-character limit (headings, lists,
    links, code, quotes, non-ASCII), as real programs write them; else one in seven is long.
    """
    if not 1 <= teams <= 1000:
        raise ValueError("teams must be between 1 and 1000")
    rng = random.Random(seed)
    mentor_count = max(1, round(teams * 100 / 65))
    loads = _loads(rng, mentor_count, teams)
    staff = _staff(rng, loads, teams)
    mentors = [f"mentor{i}-{rng.choice(_WORDS).lower()}" for i in range(mentor_count)]
    mentors = [m.replace("é", "e").replace("á", "a").replace("ü", "u") for m in mentors]
    mentee_counts = [rng.randint(2, 4) for _ in range(teams)]
    mentees = [f"Mentee{i}Dev" for i in range(sum(mentee_counts))]
    doc: dict[str, Any] = {
        "version": 1,
        "program": {
            "name": "Open Mentorship — Spring Term",
            "cohort": "2027-spring",
            "organization": org,
        },
        "calendar": {"start": "2027-02-01", "weeks": 12, "timezone": "Europe/Berlin"},
        "organizers": ["olga-org"],
        "repositories": {"visibility": "public"},
        "projects": [
            {
                "id": f"project-{t}",
                "title": f"{rng.choice(_WORDS).capitalize()} for {_name(rng)}"[:100],
                "brief": _markdown_brief(rng) if long_briefs else _brief(rng, long=t % 7 == 0),
                "template": _TEMPLATES[t % 3],
            }
            for t in range(teams)
        ],
        "mentors": [
            {
                "handle": handle,
                "name": _name(rng),
                "capacity": max(loads[i], rng.randint(loads[i], 5)),
                "induction": "completed",
            }
            for i, handle in enumerate(mentors)
        ],
        "mentees": [{"handle": h, "name": _name(rng), "level": "first-year"} for h in mentees],
        "teams": [],
    }
    start = 0
    for t in range(teams):
        group = mentees[start : start + mentee_counts[t]]
        start += mentee_counts[t]
        doc["teams"].append(
            {
                "slug": f"team-{t}",
                "project": f"project-{t}",
                "mentees": [_respell(h, rng) for h in group],
                "mentors": [_respell(mentors[m], rng) for m in staff[t]],
            }
        )
    members = tuple(h for h in mentees if rng.random() < 0.6)
    counts = [0] * mentor_count
    for led_teams in staff:
        for mentor in led_teams:
            counts[mentor] += 1
    led = dict(zip(mentors, counts, strict=True))
    joined = set(members)
    return MessyProgram(
        yaml.dump(
            doc,
            Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
            allow_unicode=True,
            sort_keys=False,
            width=100,
        ),
        org,
        members,
        tuple(h for h in mentees if h not in joined),
        tuple(len(s) for s in staff),
        led,
    )
