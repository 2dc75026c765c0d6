"""Per-team figures of one week, from one repository's activity (pure)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from cohort.commits import by_the_team
from cohort.config.model import CohortFile, Team
from cohort.reconcile.calendar import MILESTONE_TITLES, phase_dates
from cohort.summary.activity import Milestone, PullRequest, RepoActivity
from cohort.summary.model import (
    HelpRequest,
    MenteeState,
    MenteeStatus,
    MilestoneProgress,
    MilestoneStatus,
    TeamSummary,
    WaitingPull,
)

DAY = dt.timedelta(days=1)
HELP_LABEL = "help-wanted-from-mentor"
BEHIND = 1 / 3  # at risk when the share of closed issues trails elapsed time by more


@dataclass(frozen=True)
class Window:
    """The week being summarized, and the moment the snapshot describes."""

    start: dt.datetime
    end: dt.datetime
    now: dt.datetime
    today: dt.date
    live: bool = True  # the snapshot is of this moment (False: a past week, from timestamps)

    def holds(self, moment: dt.datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end and moment <= self.now


def milestone_status(cohort: CohortFile, m: Milestone, today: dt.date) -> MilestoneStatus:
    """done · overdue (past due, open issues) · at risk (behind the calendar) · on track."""
    if m.total and m.open_issues == 0:
        return "done"
    if m.due_on is not None and today > m.due_on:
        return "overdue"
    start = _phase_start(cohort, m.title)
    if m.due_on is None or start is None or today < start:
        return "on track"
    span = max(1, (m.due_on - start).days + 1)
    elapsed = min(1.0, ((today - start).days + 1) / span)
    done = m.closed_issues / m.total if m.total else 0.0
    return "at risk" if done + BEHIND < elapsed else "on track"


def _phase_start(cohort: CohortFile, title: str) -> dt.date | None:
    for phase in phase_dates(cohort.calendar):
        if MILESTONE_TITLES.get(phase.name) == title:
            return phase.start
    return None


def mentor_reviews(pr: PullRequest, mentors: Iterable[str]) -> list[dt.datetime]:
    """When mentors submitted reviews on ``pr``, in order."""
    wanted = set(mentors)
    return sorted(r.submitted_at for r in pr.reviews if r.author in wanted)


VERDICTS = frozenset({"APPROVED", "CHANGES_REQUESTED", "DISMISSED"})


def last_push(pr: PullRequest, now: dt.datetime) -> dt.datetime | None:
    """The latest commit on the PR branch up to ``now``."""
    return max((n.at for n in pr.pushes if n.at <= now), default=None)


def standing_verdicts(pr: PullRequest, mentors: Iterable[str], w: Window) -> set[str]:
    """Mentors' verdicts that still stand at ``w.now``: the latest per mentor, after the last
    push, and (for the current week) not set aside by a re-request. Comments are no verdict.
    """
    wanted = set(mentors)
    latest: dict[str, tuple[dt.datetime, str]] = {}
    for r in sorted(pr.reviews, key=lambda r: r.submitted_at):
        if r.author in wanted and r.state in VERDICTS and r.submitted_at <= w.now:
            latest[r.author] = (r.submitted_at, r.state)
    pushed = last_push(pr, w.now)
    return {
        state
        for who, (when, state) in latest.items()
        if state != "DISMISSED"
        and (pushed is None or when >= pushed)
        and not (w.live and who in pr.requested)
    }


def waiting_since(pr: PullRequest, mentors: Iterable[str], w: Window) -> dt.datetime | None:
    """Since when a PR open at ``w.now`` waits on a mentor (None: it does not).

    It waits while no mentor's verdict stands (the App's needs-mentor-review); the wait
    starts at the latest of: opened, the last push, the last mentor review.
    """
    people = list(mentors)
    if not pr.open_at(w.now) or pr.draft or standing_verdicts(pr, people, w):
        return None
    moments = [pr.created_at, *(t for t in [last_push(pr, w.now)] if t)]
    moments += [r for r in mentor_reviews(pr, people) if r <= w.now]
    return max(moments)


def waiting_pulls(
    cohort: CohortFile, team: Team, repo: RepoActivity, w: Window
) -> tuple[WaitingPull, ...]:
    """The team's PRs waiting on a mentor at ``w.now``, by number, with whom they wait on."""
    limit = cohort.policy.summary.review_waiting_days
    full = f"{cohort.program.organization}/{repo.name}"
    out = []
    for pr in sorted(repo.pulls, key=lambda p: p.number):
        since = waiting_since(pr, team.mentors, w)
        if since is None:
            continue
        asked = tuple(m for m in team.mentors if w.live and m in pr.requested)
        days = (w.now - since) / DAY
        out.append(
            WaitingPull(
                pr.number,
                pr.title,
                pr.author,
                days,
                days >= limit,
                full,
                asked or tuple(team.mentors),
            )
        )
    return tuple(out)


def milestone_as_of(m: Milestone, repo: RepoActivity, w: Window) -> Milestone:
    """A milestone's issue counts at ``w.now``: from issue close times for a past week."""
    mine = [i for i in repo.issues if i.milestone == m.title]
    if w.live or not mine:
        return m
    made = [i for i in mine if i.created_at <= w.now]
    closed = sum(i.closed_at is not None and i.closed_at <= w.now for i in made)
    return Milestone(m.title, m.due_on, len(made) - closed, closed)


def activity_moments(person: str, repo: RepoActivity, now: dt.datetime) -> list[dt.datetime]:
    """When ``person`` did something in the repository, up to ``now``: commits, PRs opened,
    pushes to PR branches, reviews, comments on PRs and issues, issues opened."""
    moments = [c.committed_at for c in repo.commits if c.author == person]
    for pr in repo.pulls:
        moments += [pr.created_at] if pr.author == person else []
        moments += [n.at for n in pr.pushes + pr.comments if n.author == person]
        moments += [r.submitted_at for r in pr.reviews if r.author == person]
    for issue in repo.issues:
        moments += [issue.created_at] if issue.author == person else []
        moments += [n.at for n in issue.comments if n.author == person]
    return [m for m in moments if m <= now]


def mentee_statuses(
    cohort: CohortFile, team: Team, repo: RepoActivity, waiting: tuple[WaitingPull, ...], w: Window
) -> tuple[MenteeStatus, ...]:
    """Active (did something within stale_after_days), else blocked (a PR waits on a mentor),
    else quiet."""
    quiet_after = cohort.policy.summary.stale_after_days
    out = []
    for mentee in team.mentees:
        last = max(activity_moments(mentee, repo, w.now), default=None)
        days = None if last is None else int((w.now - last) / DAY)
        theirs = tuple(p.number for p in waiting if p.author == mentee)
        if days is not None and days < quiet_after:
            state: MenteeState = "active"
        else:
            state = "blocked" if theirs else "quiet"
        out.append(MenteeStatus(mentee, state, last, days, theirs))
    return tuple(out)


def help_requests(cohort: CohortFile, repo: RepoActivity, w: Window) -> tuple[HelpRequest, ...]:
    """Open issues and PRs asking for a mentor's help (labels are today's: current week only)."""
    if not w.live:
        return ()
    full = f"{cohort.program.organization}/{repo.name}"
    found = [
        HelpRequest(f"{full}#{i.number}", i.title, i.author, (w.now - i.created_at) / DAY)
        for i in repo.issues
        if HELP_LABEL in i.labels and i.closed_at is None
    ]
    found += [
        HelpRequest(f"{full}#{p.number}", p.title, p.author, (w.now - p.created_at) / DAY)
        for p in repo.pulls
        if HELP_LABEL in p.labels and p.open
    ]
    return tuple(sorted(found, key=lambda h: -h.days))


def team_summary(cohort: CohortFile, team: Team, repo: RepoActivity, w: Window) -> TeamSummary:
    pulls = [p for p in repo.pulls if p.created_at <= w.now]
    waiting = waiting_pulls(cohort, team, repo, w)
    contributed = sorted(_contributors(team, repo, w))
    last = _last_activity(team, repo, w.now)
    checkin = next((c for c in repo.checkins if c.created_at <= w.now), None)
    commenters = {c.lower() for c in checkin.commenters} if checkin else set()
    return TeamSummary(
        slug=team.slug,
        repo=repo.name,
        found=repo.found,
        milestones=tuple(
            MilestoneProgress(
                m.title, m.closed_issues, m.total, m.due_on, milestone_status(cohort, m, w.today)
            )
            for m in _in_phase_order(milestone_as_of(x, repo, w) for x in repo.milestones)
        ),
        prs_opened=sum(w.holds(p.created_at) for p in pulls),
        prs_merged=sum(w.holds(p.merged_at) for p in pulls),
        waiting=waiting,
        first_review_hours=_median_first_review(pulls, team.mentors, w),
        commits=sum(w.holds(c.committed_at) for c in repo.commits if by_the_team(c.headline)),
        issues_closed=sum(w.holds(i.closed_at) for i in repo.issues),
        contributed=tuple(contributed),
        silent=tuple(m for m in team.mentees if m not in contributed),
        last_activity=last,
        days_since_activity=None if last is None else int((w.now - last) / DAY),
        truncated=repo.truncated,
        checkin=checkin.number if checkin else None,
        checkin_answered=tuple(m for m in team.mentees if checkin and m.lower() in commenters),
        checkin_silent=tuple(m for m in team.mentees if checkin and m.lower() not in commenters),
        mentees=mentee_statuses(cohort, team, repo, waiting, w),
        checkin_blockers=checkin.blockers if checkin else (),
        help_requests=help_requests(cohort, repo, w),
        prs_open=sum(p.open_at(w.now) for p in pulls),
    )


def _in_phase_order(milestones: Iterable[Milestone]) -> list[Milestone]:
    order = {title: i for i, title in enumerate(MILESTONE_TITLES.values())}
    return sorted(milestones, key=lambda m: (order.get(m.title, len(order)), m.title))


def _median_first_review(pulls: list[PullRequest], mentors: list[str], w: Window) -> float | None:
    hours = []
    for pr in pulls:
        reviews = mentor_reviews(pr, mentors)
        if reviews and w.holds(reviews[0]):
            hours.append((reviews[0] - pr.created_at).total_seconds() / 3600)
    return round(statistics.median(hours), 1) if hours else None


def _contributors(team: Team, repo: RepoActivity, w: Window) -> set[str]:
    """Mentees who did anything within the week: commits, PRs, pushes, reviews, comments."""
    return {m for m in team.mentees if any(w.holds(t) for t in activity_moments(m, repo, w.now))}


def _last_activity(team: Team, repo: RepoActivity, now: dt.datetime) -> dt.datetime | None:
    """The latest thing the team's people did, or an issue closed, up to ``now``."""
    moments = [i.closed_at for i in repo.issues if i.closed_at is not None and i.closed_at <= now]
    for person in [*team.mentees, *team.mentors]:
        moments += activity_moments(person, repo, now)
    return max(moments) if moments else None
