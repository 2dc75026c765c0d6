"""Portfolio of each mentee: what they merged, reviewed and closed, from the activity (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cohort.config.model import CohortFile, Team
from cohort.config.naming import repo_name
from cohort.summary.activity import Activity, RepoActivity


@dataclass(frozen=True)
class ClosedIssue:
    """A closed issue of a team repository and who it was assigned to."""

    number: int
    title: str
    assignees: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """A pull request or an issue, as one line of a portfolio."""

    number: int
    title: str
    url: str
    day: dt.date | None = None


@dataclass(frozen=True)
class Portfolio:
    """One mentee's work in the cohort, ready to render."""

    handle: str
    name: str
    program: str
    cohort: str
    team: str
    project: str
    brief: str
    repo_url: str
    deployed_url: str | None
    mentors: tuple[tuple[str, str], ...]  # (handle, name)
    merged: tuple[Item, ...]
    reviews: tuple[Item, ...]
    closed: tuple[Item, ...]


@dataclass(frozen=True)
class TeamFacts:
    """What graduation reads for a team beyond the activity snapshot."""

    deployed_url: str | None = None
    closed: tuple[ClosedIssue, ...] = ()


def portfolios(
    cohort: CohortFile, activity: Activity, facts: dict[str, TeamFacts], web_url: str
) -> list[Portfolio]:
    """A portfolio for every mentee of every team, in file order."""
    out = []
    for team in cohort.teams:
        name = repo_name(cohort, team)
        repo = activity.repos.get(name) or RepoActivity(name, found=False)
        base = f"{web_url}/{cohort.program.organization}/{name}"
        for handle in team.mentees:
            out.append(_one(cohort, team, handle, repo, facts.get(team.slug, TeamFacts()), base))
    return out


def _one(
    cohort: CohortFile, team: Team, handle: str, repo: RepoActivity, facts: TeamFacts, base: str
) -> Portfolio:
    people = {m.handle: m.name for m in cohort.mentees} | {m.handle: m.name for m in cohort.mentors}
    project = next(p for p in cohort.projects if p.id == team.project)
    me = handle.lower()
    merged = [
        Item(p.number, p.title, f"{base}/pull/{p.number}", p.merged_at.date())
        for p in repo.pulls
        if p.merged_at and p.author.lower() == me
    ]
    reviews = [
        Item(p.number, p.title, f"{base}/pull/{p.number}")
        for p in repo.pulls
        if p.author.lower() != me and any(r.author.lower() == me for r in p.reviews)
    ]
    closed = [
        Item(i.number, i.title, f"{base}/issues/{i.number}")
        for i in facts.closed
        if me in {a.lower() for a in i.assignees}
    ]
    return Portfolio(
        handle,
        people.get(handle, handle),
        cohort.program.name,
        cohort.program.cohort,
        team.slug,
        project.title,
        project.brief,
        base,
        facts.deployed_url,
        tuple((m, people.get(m, m)) for m in team.mentors),
        tuple(sorted(merged, key=lambda i: i.number)),
        tuple(sorted(reviews, key=lambda i: i.number)),
        tuple(sorted(closed, key=lambda i: i.number)),
    )
