"""Team slots (one per unit of mentor capacity) and which mentees can join which slot."""

from __future__ import annotations

import dataclasses
import zlib
from dataclasses import dataclass

from cohort.matching.model import MenteeSignup, MentorSignup, ProjectInfo, Rules, Signups
from cohort.matching.scoring import contribution
from cohort.matching.timegrid import bits, length_of, starts


@dataclass(frozen=True)
class Slot:
    """A team a mentor could lead: the projects they may lead there and their meeting starts."""

    index: int
    mentor: MentorSignup
    projects: tuple[ProjectInfo, ...]
    starts: int  # bitmask of meeting starts when the mentor is free


@dataclass(frozen=True)
class Candidate:
    """Mentee ``mentee`` may join slot ``slot``; ``starts`` are meetings both can make."""

    mentee: int
    slot: int
    starts: int


def leadable(mentor: MentorSignup, projects: dict[str, ProjectInfo]) -> tuple[ProjectInfo, ...]:
    """Projects the mentor offered to lead and has every skill for."""
    return tuple(
        projects[pid]
        for pid in mentor.projects
        if pid in projects and projects[pid].skills <= mentor.skills
    )


def mentor_slots(signups: Signups, rules: Rules) -> tuple[list[Slot], list[str]]:
    """One slot per unit of capacity of each mentor who may lead; notes say who may not."""
    by_id = {project.id: project for project in signups.projects}
    length = length_of(rules.meeting_hours)
    slots: list[Slot] = []
    notes: list[str] = []
    pending: list[str] = []
    for mentor in sorted(signups.mentors, key=lambda m: m.handle.lower()):
        can = leadable(mentor, by_id)
        meet = starts(mentor.free, length)
        if rules.require_induction and not mentor.inducted:
            pending.append(mentor.handle)
        elif not can:
            notes.append(f"mentor '{mentor.handle}' has the skills of none of their projects")
        elif not meet:
            notes.append(f"mentor '{mentor.handle}' has no free block as long as a meeting")
        else:
            for _ in range(mentor.capacity):
                slots.append(Slot(len(slots), mentor, can, meet))
    if pending:
        shown = ", ".join(pending[:5]) + (
            f" and {len(pending) - 5} more" if len(pending) > 5 else ""
        )
        notes.insert(
            0, f"{len(pending)} mentor(s) have not completed induction, not assigned: {shown}"
        )
    return slots, notes


def _pinned(signups: Signups, rules: Rules) -> set[str]:
    """Mentees in a must-pair: their candidates are never trimmed."""
    names = {h.lower() for pair in rules.pairs for h in pair}
    for mentee in signups.mentees:
        if mentee.with_people:
            names.add(mentee.handle.lower())
            names.update(h.lower() for h in mentee.with_people)
    return names


def candidates(
    signups: Signups, slots: list[Slot], rules: Rules, limit: int | None = None
) -> list[Candidate]:
    """Every (mentee, slot) pair with a common meeting time; ``limit`` keeps the best mentors."""
    length = length_of(rules.meeting_hours)
    pinned = _pinned(signups, rules)
    out: list[Candidate] = []
    for i, mentee in enumerate(signups.mentees):
        mine = starts(mentee.free, length)
        options = [(slot, slot.starts & mine) for slot in slots if slot.starts & mine]
        if limit is not None and mentee.handle.lower() not in pinned:
            options = _best(mentee, options, limit)
        out.extend(Candidate(i, slot.index, common) for slot, common in options)
    return out


def _best(
    mentee: MenteeSignup, options: list[tuple[Slot, int]], limit: int
) -> list[tuple[Slot, int]]:
    def value(mentor: MentorSignup) -> tuple[int, int, str]:
        slot = next(s for s, _ in options if s.mentor is mentor)
        best = max(contribution(mentee, project) for project in slot.projects)
        spread = zlib.crc32(f"{mentee.handle}|{mentor.handle}".lower().encode())
        return (-best, spread, mentor.handle.lower())  # ties spread evenly, deterministically

    mentors = sorted({id(s.mentor): s.mentor for s, _ in options}.values(), key=value)
    keep = {id(mentor) for mentor in mentors[:limit]}
    return [(slot, common) for slot, common in options if id(slot.mentor) in keep]


def prune_windows(slots: list[Slot], cands: list[Candidate]) -> tuple[list[Slot], list[Candidate]]:
    """Keep, per slot, only meeting starts whose set of free candidates no other start beats.

    Exact: a team meeting at a dominated start can meet at the dominating one instead. It
    removes most of the near-duplicate half-hour starts and keeps the model tight.
    """
    by_slot: dict[int, list[Candidate]] = {}
    for cand in cands:
        by_slot.setdefault(cand.slot, []).append(cand)
    kept: list[Slot] = []
    for slot in slots:
        free: dict[int, int] = {}
        for start in bits(slot.starts):
            free[start] = sum(
                1 << n for n, c in enumerate(by_slot.get(slot.index, [])) if c.starts >> start & 1
            )
        best = [
            s
            for s in free
            if not any(
                (free[s] | free[o]) == free[o] and (free[o] != free[s] or o < s)
                for o in free
                if o != s
            )
        ]
        kept.append(dataclasses.replace(slot, starts=sum(1 << s for s in best)))
    pruned = [dataclasses.replace(c, starts=c.starts & kept[c.slot].starts) for c in cands]
    return kept, [c for c in pruned if c.starts]
