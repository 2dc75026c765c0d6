"""Matching against an existing cohort.yml: who is still free, and the proposed new text."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cohort.config.model import CohortFile
from cohort.matching.model import (
    FormedTeam,
    MenteeSignup,
    MentorSignup,
    ProjectInfo,
    Result,
)
from cohort.matching.patch import Item, append_items
from cohort.skills import normalize, normalize_all


@dataclass(frozen=True)
class Pool:
    """Sign-ups still to place, projects of the cohort, and what was left out and why."""

    mentees: tuple[MenteeSignup, ...]
    mentors: tuple[MentorSignup, ...]
    projects: tuple[ProjectInfo, ...]
    notes: tuple[str, ...]


def pool(
    cohort: CohortFile, mentees: Sequence[MenteeSignup], mentors: Sequence[MentorSignup]
) -> Pool:
    """Leave out mentees already on a team; lower mentors' capacity by teams they lead."""
    placed = {h.lower() for team in cohort.teams for h in team.mentees}
    load = Counter(h.lower() for team in cohort.teams for h in set(team.mentors))
    notes = [
        f"'{m.handle}' is already on a team in cohort.yml: not matched again"
        for m in mentees
        if m.handle.lower() in placed
    ]
    free_mentors = []
    for mentor in mentors:
        left = mentor.capacity - load.get(mentor.handle.lower(), 0)
        if left <= 0:
            notes.append(f"mentor '{mentor.handle}' already leads {mentor.capacity} team(s)")
        else:
            free_mentors.append(dataclasses.replace(mentor, capacity=left))
    aliases = cohort.skill_aliases
    projects = tuple(ProjectInfo(p.id, normalize_all(p.skills, aliases)) for p in cohort.projects)
    return Pool(
        tuple(
            dataclasses.replace(m, skills={normalize(k, aliases): v for k, v in m.skills.items()})
            for m in mentees
            if m.handle.lower() not in placed
        ),
        tuple(
            dataclasses.replace(m, skills=normalize_all(m.skills, aliases)) for m in free_mentors
        ),
        projects,
        tuple(notes),
    )


def _unique_slugs(teams: Sequence[FormedTeam], taken: set[str]) -> list[FormedTeam]:
    out = []
    for team in teams:
        base, _, number = team.slug.rpartition("-")
        n = int(number)
        while f"{base}-{n}" in taken:
            n += 1
        taken.add(f"{base}-{n}")
        out.append(dataclasses.replace(team, slug=f"{base}-{n}"))
    return out


def patched(
    text: str, cohort: CohortFile, result: Result, pool: Pool, *, seed: int
) -> tuple[str, tuple[FormedTeam, ...]]:
    """cohort.yml text with the new mentees, mentors and teams appended (public fields only)."""
    teams = _unique_slugs(result.teams, {t.slug for t in cohort.teams})
    known = {m.handle.lower() for m in cohort.mentees} | {m.handle.lower() for m in cohort.mentors}
    chosen = {h.lower() for t in teams for h in (*t.mentees, *t.mentors)}
    mentees: list[Item] = [
        {"handle": m.handle, "name": m.name, "level": m.level, "skills": sorted(m.skills)}
        for m in pool.mentees
        if m.handle.lower() in chosen and m.handle.lower() not in known
    ]
    mentors: list[Item] = [
        {
            "handle": m.handle,
            "name": m.name,
            "skills": sorted(m.skills),
            "capacity": m.capacity,
            "induction": "completed" if m.inducted else "pending",
        }
        for m in pool.mentors
        if m.handle.lower() in chosen and m.handle.lower() not in known
    ]
    rows: list[Item] = [
        {
            "slug": t.slug,
            "project": t.project,
            "mentees": list(t.mentees),
            "mentors": list(t.mentors),
        }
        for t in teams
    ]
    note = f"added by cohort match (seed {seed}, {result.status})"
    text = append_items(text, "mentors", mentors, flow=False, comment=note)
    text = append_items(text, "mentees", mentees, flow=True, comment=note)
    text = append_items(text, "teams", rows, flow=False, comment=note)
    return text, tuple(teams)
