"""Seeded synthetic sign-ups for benchmarks, tests and rehearsals (no real people)."""

from __future__ import annotations

import random

from cohort.config.model import Level
from cohort.matching.model import MenteeSignup, MentorSignup, ProjectInfo, Signups, SkillLevel
from cohort.matching.timegrid import SLOTS

SKILLS = ("python", "javascript", "css", "apis", "data", "sql", "docker", "testing")
LEVELS: tuple[Level, ...] = ("first-year", "second-year", "senior", "professional")
GRADES: tuple[SkillLevel, ...] = (1, 2, 3)
ATTRIBUTES = ("woman", "non-binary", "first-generation")


def _block(rng: random.Random, start_hour: int, hours: int) -> int:
    first = (start_hour * 2) % SLOTS
    mask = 0
    for slot in range(first, first + hours * 2):
        mask |= 1 << (slot % SLOTS)
    return mask


def _free(rng: random.Random, zone: int, blocks: int, hours: int) -> int:
    """Evening blocks in a time zone ``zone`` hours from UTC, on random days."""
    mask = 0
    for day in sorted(rng.sample(range(7), blocks)):
        local = rng.choice((17, 18, 19))
        mask |= _block(rng, day * 24 + local - zone, hours)
    return mask


def projects(count: int, rng: random.Random) -> tuple[ProjectInfo, ...]:
    return tuple(
        ProjectInfo(f"project-{i + 1}", frozenset(rng.sample(SKILLS, rng.choice((1, 2)))))
        for i in range(count)
    )


def mentor(i: int, rng: random.Random, pool: tuple[ProjectInfo, ...], zone: int) -> MentorSignup:
    offered = rng.sample(pool, min(len(pool), rng.choice((1, 2, 3))))
    skills = frozenset(s for p in offered for s in p.skills) | {rng.choice(SKILLS)}
    return MentorSignup(
        handle=f"mentor-{i + 1}",
        name=f"Mentor {i + 1}",
        skills=skills,
        capacity=rng.choice((1, 2, 2)),
        free=_free(rng, zone, 5, 3),
        projects=tuple(p.id for p in offered),
        inducted=rng.random() < 0.9 or i == 0,
    )


def mentee(i: int, rng: random.Random, pool: tuple[ProjectInfo, ...], zone: int) -> MenteeSignup:
    skills = {s: rng.choice(GRADES) for s in rng.sample(SKILLS, 2)}
    return MenteeSignup(
        handle=f"mentee-{i + 1}",
        name=f"Mentee {i + 1}",
        level=LEVELS[i % 4] if i < 4 else rng.choice(LEVELS),
        skills=skills,
        free=_free(rng, zone, 6, 5),
        preferences=tuple(p.id for p in rng.sample(pool, min(3, len(pool)))),
        attributes=frozenset(rng.sample(ATTRIBUTES, 1)) if rng.random() < 0.3 else frozenset(),
    )


def signups(n_mentees: int, n_mentors: int, n_projects: int, seed: int = 0) -> Signups:
    """A cohort of synthetic people in a few time zones, evenings free; seeded."""
    rng = random.Random(seed)
    pool = projects(n_projects, rng)
    zones = (-3, 0, 1, 3)
    mentors = tuple(mentor(i, rng, pool, zones[i % len(zones)]) for i in range(n_mentors))
    mentees = tuple(mentee(i, rng, pool, zones[i % len(zones)]) for i in range(n_mentees))
    return Signups(mentees, mentors, pool)
