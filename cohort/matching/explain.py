"""Explanations of a matching: a private one per team, and a public summary with numbers only."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.matching.model import FormedTeam, Result, Rules, Signups
from cohort.matching.scoring import (
    LEVEL_POINTS,
    preference_points,
    preferences_met,
    rank_met,
    skill_fit,
)
from cohort.matching.timegrid import describe, length_of

PRIVATE_BANNER = (
    "<!-- PRIVATE: built from sign-up answers (meeting times, preferences). "
    "Keep it with the sign-ups; never commit it to the public cohort repository. -->"
)
_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}


def _choice(rank: int | None) -> str:
    if rank is None:
        return "not among their choices"
    return f"{_ORDINAL.get(rank, f'{rank}th')} choice"


def team_lines(team: FormedTeam, data: Signups, rules: Rules) -> list[str]:
    """Why this team: project and mentor fit, each member's choice and skills, the meeting."""
    mentees = {m.handle.lower(): m for m in data.mentees}
    project = next(p for p in data.projects if p.id == team.project)
    members = [mentees[h.lower()] for h in team.mentees]
    needs = ", ".join(sorted(project.skills)) or "no listed skills"
    lines = [f"## {team.slug}: {team.project}", ""]
    inducted = {m.handle.lower() for m in data.mentors if m.inducted}
    for handle in team.mentors:
        status = "inducted" if handle.lower() in inducted else "induction pending"
        lines.append(f"- Mentor @{handle}: {status}, offered to lead it, has its skills ({needs})")
    meeting = describe(team.meeting_start, length_of(rules.meeting_hours))
    lines.append(f"- Weekly meeting: {meeting} (every member and mentor is free)")
    pref = fit = 0
    for member in members:
        brings = sorted(s for s in project.skills if s in member.skills) or ["—"]
        lines.append(
            f"- @{member.handle} ({member.level}): {_choice(rank_met(member, team.project))}; "
            f"brings {', '.join(brings)}"
        )
        pref += preference_points(member, team.project)
        fit += skill_fit(member, project)
    levels = len({m.level for m in members})
    lines.append(
        f"- Score {team.score} = preferences {pref} + skills {fit} + level mix "
        f"{LEVEL_POINTS * levels} ({levels} levels)"
    )
    return [*lines, ""]


def private_report(result: Result, data: Signups, rules: Rules) -> str:
    """The per-team explanation (contains meeting times: private)."""
    lines = [PRIVATE_BANNER, "", "# Proposed teams", "", *summary_lines(result, data), ""]
    for team in result.teams:
        lines.extend(team_lines(team, data, rules))
    return "\n".join(lines)


def _status_line(result: Result) -> str:
    if result.status == "infeasible":
        return "- Status: infeasible: no teams can meet every rule (the reasons are below)"
    proven = "proven optimal" if result.status == "optimal" else "not proven optimal"
    if not result.bound_known:
        return (
            f"- Status: {result.status}, {proven} (no proven bound; objective {result.objective})"
        )
    return (
        f"- Status: {result.status}, {proven} (gap {result.gap:.2%} from the decoded teams; "
        f"objective {result.objective}, bound {result.bound})"
    )


def summary_lines(result: Result, data: Signups) -> list[str]:
    """Numbers safe to publish: status, gap, scores, how many preferences were met."""
    mentees = {m.handle.lower(): m for m in data.mentees}
    ranked, first = preferences_met(((t.project, t.mentees) for t in result.teams), mentees)
    n = sum(len(t.mentees) for t in result.teams)
    lines = [
        _status_line(result),
        f"- Teams: {len(result.teams)}; mentees placed: {n} of {len(data.mentees)}",
        f"- Worst team score: {result.worst} (proven at most {result.worst_bound}); "
        f"total: {result.total}",
        f"- On a project they ranked: {ranked} of {n}; on their first choice: {first}",
    ]
    lines += [f"- Note: {note}" for note in result.notes]
    lines += [f"- Cannot form teams: {reason}" for reason in result.reasons]
    return lines


def public_summary(result: Result, data: Signups, teams: Sequence[FormedTeam]) -> str:
    """A PR description: the numbers and the team list, no availability or attributes."""
    lines = ["## Proposed teams (cohort match)", "", *summary_lines(result, data), ""]
    lines += [
        f"- `{t.slug}` ({t.project}): {', '.join(t.mentees)}; mentor {', '.join(t.mentors)}"
        for t in teams
    ]
    lines += ["", "Per-team reasons and meeting times are in the organizers' private report."]
    return "\n".join(lines) + "\n"
