"""The cohort report at graduation: every team, its people and what it shipped (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.mentoring.portfolio import Portfolio, TeamFacts
from cohort.reconcile.calendar import cohort_end
from cohort.summary.activity import Activity, RepoActivity


@dataclass(frozen=True)
class CheckInStats:
    """How many check-in answers a team gave, out of how many asked for."""

    answered: int
    asked: int


def cohort_report(
    cohort: CohortFile,
    activity: Activity,
    facts: dict[str, TeamFacts],
    pages: list[Portfolio],
    checkins: dict[str, CheckInStats] | None = None,
) -> str:
    """A markdown report for organizers and sponsors."""
    cal = cohort.calendar
    inducted = sum(1 for m in cohort.mentors if m.induction == "completed")
    lines = [
        f"# {cohort.program.name}: cohort {cohort.program.cohort} report",
        "",
        f"From {cal.start:%d %b %Y} to {cohort_end(cal):%d %b %Y} ({cal.weeks} weeks). "
        f"{len(cohort.teams)} teams, {len(pages)} mentees, "
        f"{len({h for t in cohort.teams for h in t.mentors})} mentors "
        f"({inducted} of {len(cohort.mentors)} finished the induction).",
        "",
        "| team | project | merged PRs | reviews | milestones done | check-ins | live |",
        "|---|---|---|---|---|---|---|",
    ]
    for team in cohort.teams:
        name = repo_name(cohort, team)
        repo = activity.repos.get(name) or RepoActivity(name, found=False)
        lines.append(_team_row(cohort, team.slug, team.project, repo, facts, checkins or {}))
    lines += [
        "",
        "## Mentees",
        "",
        "| mentee | team | merged PRs | reviews | issues closed |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {p.name} (@{p.handle}) | {p.team} | {len(p.merged)} | {len(p.reviews)} "
        f"| {len(p.closed)} |"
        for p in pages
    ]
    return "\n".join(lines) + "\n"


def _team_row(
    cohort: CohortFile,
    slug: str,
    project_id: str,
    repo: RepoActivity,
    facts: dict[str, TeamFacts],
    checkins: dict[str, CheckInStats],
) -> str:
    project = next(p.title for p in cohort.projects if p.id == project_id)
    merged = sum(1 for p in repo.pulls if p.merged_at)
    reviews = sum(len(p.reviews) for p in repo.pulls)
    done = sum(m.closed_issues for m in repo.milestones)
    total = sum(m.total for m in repo.milestones)
    stats = checkins.get(slug)
    answered = f"{stats.answered} of {stats.asked}" if stats else "-"
    live = facts.get(slug, TeamFacts()).deployed_url or "-"
    cells = [slug, project, str(merged), str(reviews), f"{done} of {total}", answered, live]
    return "| " + " | ".join(cells) + " |"
