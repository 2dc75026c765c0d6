"""Sign-up, rule and result values of matching: plain frozen data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cohort.config.model import Level

BEGINNER_LEVELS: frozenset[str] = frozenset({"first-year", "second-year"})
SkillLevel = Literal[1, 2, 3]  # beginner, intermediate, advanced


@dataclass(frozen=True)
class Source:
    """Where a sign-up came from: ``issue #12`` or ``signups.csv`` row line."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class MenteeSignup:
    """One mentee's answers. ``free`` and ``attributes`` are private."""

    handle: str
    name: str
    level: Level
    skills: dict[str, SkillLevel]
    free: int  # bitmask of free half-hours of the UTC week (see timegrid)
    preferences: tuple[str, ...] = ()  # project ids, best first
    attributes: frozenset[str] = frozenset()
    with_people: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()
    source: Source = Source("")


@dataclass(frozen=True)
class MentorSignup:
    """One mentor's answers. ``free`` is private."""

    handle: str
    name: str
    skills: frozenset[str]
    capacity: int
    free: int
    projects: tuple[str, ...] = ()  # project ids they can lead
    inducted: bool = False
    source: Source = Source("")


@dataclass(frozen=True)
class ProjectInfo:
    """What matching needs to know about a project of cohort.yml."""

    id: str
    skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rules:
    """The organizer's constraints; every one is hard unless its flag says otherwise."""

    min_size: int = 3
    max_size: int = 5
    meeting_hours: float = 1.0  # consecutive hours every member is free each week
    allow_all_beginner: bool = False
    no_isolation: bool = False  # no team with exactly one member of a self-declared group
    require_induction: bool = True
    pairs: tuple[tuple[str, str], ...] = ()  # must share a team (besides sign-up answers)
    apart: tuple[tuple[str, str], ...] = ()  # must not share a team
    teams_min: int | None = None  # how many teams the organizer asked for (None: free)
    teams_max: int | None = None
    must_lead: tuple[str, ...] = ()  # mentors who must lead at least one team
    sizes: tuple[tuple[str, int, int], ...] = ()  # (project id, min, max): per-project sizes

    def size_of(self, project: str) -> tuple[int, int]:
        """(min, max) mentees of a team on ``project``: its own size, else the default."""
        for pid, low, high in self.sizes:
            if pid == project:
                return low, high
        return self.min_size, self.max_size

    @property
    def largest(self) -> int:
        """The largest team any project allows."""
        return max([self.max_size, *(high for _, _, high in self.sizes)])

    @property
    def smallest(self) -> int:
        """The smallest team any project allows."""
        return min([self.min_size, *(low for _, low, _ in self.sizes)])


@dataclass(frozen=True)
class Signups:
    """Everything matching reads: people, projects and already-formed teams' load."""

    mentees: tuple[MenteeSignup, ...]
    mentors: tuple[MentorSignup, ...]
    projects: tuple[ProjectInfo, ...]


@dataclass(frozen=True)
class FormedTeam:
    """A proposed team with its weekly meeting (a half-hour index of the UTC week)."""

    slug: str
    project: str
    mentees: tuple[str, ...]
    mentors: tuple[str, ...]
    meeting_start: int
    score: int = 0


Status = Literal["optimal", "feasible", "infeasible", "unknown"]


@dataclass(frozen=True)
class Result:
    """What ``form_teams`` found, how good it is proven to be, and why not if nothing."""

    status: Status
    teams: tuple[FormedTeam, ...] = ()
    worst: int = 0
    total: int = 0
    objective: int = 0  # worst * scale + total, as the solver maximised it
    bound: int = 0  # proven upper bound of the objective
    scale: int = 1
    reasons: tuple[str, ...] = ()  # for infeasible/unknown: which constraint and who
    notes: tuple[str, ...] = field(default=())
    bound_known: bool = True  # False: no proven bound (e.g. the greedy fallback)
    core: tuple[str, ...] = ()  # infeasible: the rules (guard names) that cannot hold together

    @property
    def gap(self) -> float:
        """Relative gap between the best answer and the proven bound (0.0 is optimal)."""
        if self.status == "optimal":
            return 0.0
        if not self.bound_known:
            return 1.0
        if self.bound <= 0:
            return 0.0 if self.objective >= self.bound else 1.0
        return max(0.0, (self.bound - self.objective) / self.bound)

    @property
    def worst_bound(self) -> int:
        """Proven upper bound of the worst team's score."""
        return max(self.worst, self.bound // self.scale)


@dataclass(frozen=True, order=True)
class Violation:
    """One broken constraint: its name, and the team and people involved."""

    constraint: str
    team: str
    message: str
