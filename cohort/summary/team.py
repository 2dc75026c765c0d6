"""Per-team figures of one week, from one repository's activity (pure)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from cohort.config.identity import fold
from cohort.config.model import CohortFile, Team
from cohort.reconcile.calendar import MILESTONE_TITLES, phase_dates
from cohort.summary.activity import Milestone, PullRequest, RepoActivity
from cohort.summary.model import MilestoneProgress, MilestoneStatus, TeamSummary, WaitingPull

DAY = dt.timedelta(days=1)
BEHIND = 1 / 3  # at risk when the share of closed issues trails elapsed time by more


@dataclass(frozen=True)
class Window:
    """The week being summarized, and the moment the snapshot describes."""

    start: dt.datetime
    end: dt.datetime
    now: dt.datetime
    today: dt.date

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


def folded(logins: Iterable[str]) -> set[str]:
    """Logins as GitHub compares them: without regard to case."""
    return {fold(login) for login in logins}


def mentor_reviews(pr: PullRequest, mentors: Iterable[str]) -> list[dt.datetime]:
    """When mentors submitted reviews on ``pr``, in order."""
    wanted = folded(mentors)
    return sorted(r.submitted_at for r in pr.reviews if fold(r.author) in wanted)


def waiting_since(pr: PullRequest, mentors: Iterable[str]) -> dt.datetime | None:
    """Since when an open PR waits for a mentor: opened and unreviewed, or re-requested."""
    people = list(mentors)
    if not pr.open or pr.draft:
        return None
    reviews = mentor_reviews(pr, people)
    if not reviews:
        return pr.created_at
    if folded(people) & folded(pr.requested):
        return reviews[-1]
    return None


def team_summary(cohort: CohortFile, team: Team, repo: RepoActivity, w: Window) -> TeamSummary:
    limit = cohort.policy.summary.review_waiting_days
    pulls = [p for p in repo.pulls if p.created_at <= w.now]
    waiting = []
    for pr in sorted(pulls, key=lambda p: p.number):
        since = waiting_since(pr, team.mentors)
        if since is not None:
            days = (w.now - since) / DAY
            waiting.append(WaitingPull(pr.number, pr.title, pr.author, days, days >= limit))
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
            for m in _in_phase_order(repo.milestones)
        ),
        prs_opened=sum(w.holds(p.created_at) for p in pulls),
        prs_merged=sum(w.holds(p.merged_at) for p in pulls),
        waiting=tuple(waiting),
        first_review_hours=_median_first_review(pulls, team.mentors, w),
        commits=sum(w.holds(c.committed_at) for c in repo.commits),
        issues_closed=sum(w.holds(i.closed_at) for i in repo.issues),
        contributed=tuple(contributed),
        silent=tuple(m for m in team.mentees if m not in contributed),
        last_activity=last,
        days_since_activity=None if last is None else int((w.now - last) / DAY),
        truncated=repo.truncated,
        checkin=checkin.number if checkin else None,
        checkin_answered=tuple(m for m in team.mentees if checkin and m.lower() in commenters),
        checkin_silent=tuple(m for m in team.mentees if checkin and m.lower() not in commenters),
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
    """Mentees who committed, opened or merged a PR, or reviewed, within the week."""
    found = {fold(c.author) for c in repo.commits if w.holds(c.committed_at) and c.author}
    for pr in repo.pulls:
        if w.holds(pr.created_at) or w.holds(pr.merged_at):
            found.add(fold(pr.author))
        found |= {fold(r.author) for r in pr.reviews if w.holds(r.submitted_at)}
    return {m for m in team.mentees if fold(m) in found}


def _last_activity(team: Team, repo: RepoActivity, now: dt.datetime) -> dt.datetime | None:
    """The latest commit, PR, review by the team's people, or issue closed, up to ``now``."""
    people = folded([*team.mentees, *team.mentors])
    moments = [c.committed_at for c in repo.commits if c.author and fold(c.author) in people]
    moments += [i.closed_at for i in repo.issues if i.closed_at is not None]
    for pr in repo.pulls:
        if fold(pr.author) in people:
            moments += [pr.created_at] + ([pr.merged_at] if pr.merged_at else [])
        moments += [r.submitted_at for r in pr.reviews if fold(r.author) in people]
    past = [m for m in moments if m <= now]
    return max(past) if past else None
