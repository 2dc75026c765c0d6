"""summarize(): a week's Summary from an Activity snapshot and the cohort (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cohort.config.identity import fold
from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.reconcile.calendar import current_phase, phase_dates
from cohort.summary.activity import Activity, Invitation, PullRequest, RepoActivity
from cohort.summary.model import (
    Attention,
    Expired,
    MentorSummary,
    Summary,
    TeamSummary,
    Totals,
)
from cohort.summary.team import Window, team_summary
from cohort.summary.week import Week, cohort_week_of, local_day


def summarize(activity: Activity, cohort: CohortFile, week: Week, now: dt.datetime) -> Summary:
    """Everything the weekly summary says, as of ``now`` (the end of the week at the latest)."""
    activity = respelled(activity, cohort)
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
        unaccepted=unaccepted(activity, cohort, moment),
        invitation_days=cohort.policy.summary.invitation_days,
        expired=expired(activity, cohort, moment),
    )


def respelled(activity: Activity, cohort: CohortFile) -> Activity:
    """The activity with every login of a cohort person spelled as cohort.yml spells it.

    GitHub logins are case-insensitive; the summary compares them as written, so one spelling
    per person keeps a mentor's reviews and a mentee's commits attributed whatever the case.
    """
    handles = [*cohort.organizers, *(m.handle for m in cohort.mentors)]
    spelling = {fold(h): h for h in [*handles, *(m.handle for m in cohort.mentees)]}

    def one(login: str) -> str:
        return spelling.get(fold(login), login)

    def pull(p: PullRequest) -> PullRequest:
        return replace(
            p,
            author=one(p.author),
            requested=tuple(one(x) for x in p.requested),
            reviews=tuple(replace(r, author=one(r.author)) for r in p.reviews),
            pushes=tuple(replace(n, author=one(n.author)) for n in p.pushes),
            comments=tuple(replace(n, author=one(n.author)) for n in p.comments),
        )

    repos = {
        name: replace(
            r,
            pulls=tuple(pull(p) for p in r.pulls),
            commits=tuple(replace(c, author=c.author and one(c.author)) for c in r.commits),
        )
        for name, r in activity.repos.items()
    }
    return replace(activity, repos=repos)


def invited_people(cohort: CohortFile) -> list[str]:
    """Whom apply invites to the organization: mentees and mentors, spelled as in cohort.yml."""
    return [m.handle for m in cohort.mentees] + [m.handle for m in cohort.mentors]


def unaccepted(
    activity: Activity, cohort: CohortFile, now: dt.datetime
) -> tuple[tuple[str, int], ...]:
    """People of the cohort whose invitation waits longer than policy.summary.invitation_days."""
    people = {fold(h): h for h in invited_people(cohort)}
    limit = cohort.policy.summary.invitation_days
    out = []
    for inv in activity.invitations:
        days = int((now - inv.created_at).total_seconds() // 86400)
        if fold(inv.login) in people and days >= limit and inv.created_at <= now:
            out.append((people[fold(inv.login)], days))
    return tuple(sorted(out, key=lambda x: (-x[1], fold(x[0]))))


def expired(activity: Activity, cohort: CohortFile, now: dt.datetime) -> tuple[Expired, ...]:
    """People of the cohort whose latest invitation had expired by ``now`` (GitHub drops a
    pending invitation after 7 days) and who were neither invited again nor a member since."""
    people = {fold(h): h for h in invited_people(cohort)}
    again = {fold(i.login) for i in activity.invitations if i.created_at <= now}
    joined = {fold(m) for m in activity.members}
    latest: dict[str, Invitation] = {}
    for inv in activity.failed:
        key = fold(inv.login)
        if inv.failed_at is None or inv.failed_at > now or key not in people:
            continue
        if key not in latest or inv.created_at > latest[key].created_at:
            latest[key] = inv
    out = [
        Expired(people[key], inv.created_at, inv.failed_at, inv.failed_reason)
        for key, inv in latest.items()
        if key not in again and key not in joined and inv.failed_at is not None
    ]
    return tuple(sorted(out, key=lambda e: (e.expired_at, fold(e.login))))


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
