"""summarize(): a week's Summary from an Activity snapshot and the cohort (pure)."""

from __future__ import annotations

import datetime as dt

from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.reconcile.calendar import current_phase, phase_dates
from cohort.summary.activity import Activity, RepoActivity
from cohort.summary.model import Attention, MentorSummary, Summary, TeamSummary, Totals
from cohort.summary.team import Window, team_summary
from cohort.summary.week import Week, cohort_week_of, local_day


def summarize(activity: Activity, cohort: CohortFile, week: Week, now: dt.datetime) -> Summary:
    """Everything the weekly summary says, as of ``now`` (the end of the week at the latest)."""
    zone = cohort.calendar.timezone
    start, end = week.window(zone)
    moment = min(now, end)
    day = local_day(moment - dt.timedelta(microseconds=1), zone)
    window = Window(start, end, moment, day, live=moment == now)
    teams = tuple(
        team_summary(cohort, t, _repo(activity, repo_name(cohort, t)), window) for t in cohort.teams
    )
    phase = current_phase(cohort.calendar, window.today)
    due = next((p.due for p in phase_dates(cohort.calendar) if p.name == phase), None)
    policy = cohort.policy.summary
    return Summary(
        cohort=cohort.program.cohort,
        program=cohort.program.name,
        org=cohort.program.organization,
        week=week.label,
        week_start=week.monday,
        week_end=week.sunday,
        cohort_week=cohort_week_of(cohort.calendar, week),
        cohort_weeks=cohort.calendar.weeks,
        phase=phase,
        phase_due=due,
        generated_at=moment,
        teams=teams,
        mentors=mentor_summaries(activity, cohort, window, teams),
        attention=rank_attention(
            teams, policy.stale_after_days, started=window.today >= cohort.calendar.start
        ),
        totals=_totals(teams, activity, cohort, window),
        stale_after_days=policy.stale_after_days,
        review_waiting_days=policy.review_waiting_days,
        live=window.live,
    )


def _repo(activity: Activity, name: str) -> RepoActivity:
    return activity.repos.get(name) or RepoActivity(name, found=False)


def mentor_summaries(
    activity: Activity, cohort: CohortFile, w: Window, teams: tuple[TeamSummary, ...]
) -> tuple[MentorSummary, ...]:
    """Reviews each leading mentor gave this week, and the PRs that wait on them now."""
    by_slug = {t.slug: t for t in teams}
    out = []
    for mentor in cohort.mentors:
        led = [t for t in cohort.teams if mentor.handle in t.mentors]
        if not led:
            continue
        given = 0
        for team in led:
            for pr in _repo(activity, repo_name(cohort, team)).pulls:
                given += sum(
                    r.author == mentor.handle and w.holds(r.submitted_at) for r in pr.reviews
                )
        waiting = sorted(
            (p for t in led for p in by_slug[t.slug].waiting if mentor.handle in p.mentors),
            key=lambda p: (-p.days, p.ref),
        )
        oldest = round(waiting[0].days, 1) if waiting else None
        out.append(
            MentorSummary(
                mentor.handle,
                tuple(t.slug for t in led),
                given,
                len(waiting),
                oldest,
                tuple(waiting),
            )
        )
    return tuple(out)


def team_reasons(team: TeamSummary, stale_after: int, started: bool) -> list[tuple[int, str]]:
    """(weight, reason) pairs that make a team need attention."""
    if not team.found:
        return [(10, f"repository {team.repo} not found")]
    out = [
        (4, f"{m.title} milestone overdue ({m.closed}/{m.total} issues closed)")
        for m in team.milestones
        if m.status == "overdue"
    ]
    if started and team.days_since_activity is None:
        out.append((3, "no activity yet"))
    elif team.days_since_activity is not None and team.days_since_activity >= stale_after:
        out.append((3, f"no activity for {team.days_since_activity} days"))
    out += [
        (2, f"PR {p.ref} waiting {p.days:.1f} days for a mentor review")
        for p in team.waiting
        if p.too_long
    ]
    out += [(2, f"help requested in {h.ref} {h.days:.1f} days ago") for h in team.help_requests]
    out += [
        (2, f"{m.title} milestone at risk ({m.closed}/{m.total} issues closed)")
        for m in team.milestones
        if m.status == "at risk"
    ]
    if started and team.silent:
        count = len(team.silent) + len(team.contributed)
        out.append((1, f"{len(team.silent)} of {count} mentees did not contribute this week"))
    return out


def rank_attention(
    teams: tuple[TeamSummary, ...], stale_after: int, *, started: bool
) -> tuple[Attention, ...]:
    """Teams that need attention, most urgent first (then by slug)."""
    found = []
    for team in teams:
        reasons = team_reasons(team, stale_after, started)
        if reasons:
            score = sum(weight for weight, _ in reasons)
            found.append(Attention(team.slug, score, tuple(text for _, text in reasons)))
    return tuple(sorted(found, key=lambda a: (-a.score, a.slug)))


def _totals(
    teams: tuple[TeamSummary, ...], activity: Activity, cohort: CohortFile, w: Window
) -> Totals:
    reviews = 0
    for team in cohort.teams:
        for pr in _repo(activity, repo_name(cohort, team)).pulls:
            reviews += sum(w.holds(r.submitted_at) for r in pr.reviews)
    return Totals(
        prs_opened=sum(t.prs_opened for t in teams),
        prs_merged=sum(t.prs_merged for t in teams),
        commits=sum(t.commits for t in teams),
        issues_closed=sum(t.issues_closed for t in teams),
        reviews=reviews,
        waiting=sum(len(t.waiting) for t in teams),
        active_mentees=sum(len(t.contributed) for t in teams),
        mentees=sum(len(t.contributed) + len(t.silent) for t in teams),
    )
