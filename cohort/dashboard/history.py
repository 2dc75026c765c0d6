"""Week-by-week series of a cohort from one activity snapshot: burn-up, merges, latency (pure)."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from cohort.config.model import CohortFile, Team
from cohort.config.naming import repo_name
from cohort.summary.activity import Activity, RepoActivity
from cohort.summary.team import mentor_reviews
from cohort.summary.week import cohort_week_of, cohort_weeks, local_day


@dataclass(frozen=True)
class TeamWeek:
    closed: int  # milestone issues closed by the end of the week
    total: int  # milestone issues that existed by the end of the week
    merged: int  # PRs merged during the week
    commits: int  # commits on the default branch during the week


@dataclass(frozen=True)
class TeamHistory:
    slug: str
    repo: str
    found: bool
    weeks: tuple[TeamWeek, ...]
    latency_hours: tuple[float | None, ...]  # median time to first mentor review, per week


@dataclass(frozen=True)
class History:
    program: str
    cohort: str
    org: str
    as_of: dt.datetime
    weeks: tuple[str, ...]  # ISO labels
    cohort_week_numbers: tuple[int, ...]
    teams: tuple[TeamHistory, ...]
    latency_hours: tuple[float | None, ...]  # whole cohort, per week


def history(
    activity: Activity,
    cohort: CohortFile,
    *,
    last: int | None = None,
    until: dt.datetime | None = None,
) -> History:
    """Series for every cohort week up to the snapshot, or up to ``until`` if sooner (the
    ``last`` N weeks, if given)."""
    zone = cohort.calendar.timezone
    as_of = min(activity.fetched_at, until) if until else activity.fetched_at
    weeks = cohort_weeks(cohort.calendar, local_day(as_of - dt.timedelta(microseconds=1), zone))
    if last is not None:
        weeks = weeks[-last:] if last > 0 else []
    windows = [w.window(zone) for w in weeks]
    windows = [(start, min(end, as_of)) for start, end in windows]
    teams = []
    all_latency: list[list[float]] = [[] for _ in weeks]
    for team in cohort.teams:
        name = repo_name(cohort, team)
        repo = activity.repos.get(name) or RepoActivity(name, found=False)
        rows = tuple(_team_week(repo, start, end) for start, end in windows)
        hours = [_latencies(repo, team, start, end) for start, end in windows]
        for bucket, found in zip(all_latency, hours, strict=True):
            bucket += found
        teams.append(
            TeamHistory(team.slug, name, repo.found, rows, tuple(_median(h) for h in hours))
        )
    return History(
        program=cohort.program.name,
        cohort=cohort.program.cohort,
        org=cohort.program.organization,
        as_of=as_of,
        weeks=tuple(w.label for w in weeks),
        cohort_week_numbers=tuple(cohort_week_of(cohort.calendar, w) for w in weeks),
        teams=tuple(teams),
        latency_hours=tuple(_median(h) for h in all_latency),
    )


def _team_week(repo: RepoActivity, start: dt.datetime, end: dt.datetime) -> TeamWeek:
    issues = [i for i in repo.issues if i.milestone is not None and i.created_at < end]
    return TeamWeek(
        closed=sum(i.closed_at is not None and i.closed_at < end for i in issues),
        total=len(issues),
        merged=sum(p.merged_at is not None and start <= p.merged_at < end for p in repo.pulls),
        commits=sum(start <= c.committed_at < end for c in repo.commits),
    )


def _latencies(repo: RepoActivity, team: Team, start: dt.datetime, end: dt.datetime) -> list[float]:
    out = []
    for pr in repo.pulls:
        reviews = mentor_reviews(pr, team.mentors)
        if reviews and start <= reviews[0] < end:
            out.append((reviews[0] - pr.created_at).total_seconds() / 3600)
    return out


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None
