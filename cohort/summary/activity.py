"""The activity snapshot a summary is computed from: plain, immutable values, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


def parse_time(value: str | None) -> dt.datetime | None:
    """An ISO 8601 timestamp from GitHub (``…Z``) as an aware UTC datetime."""
    if not value:
        return None
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.UTC)


def time_text(value: dt.datetime | None) -> str | None:
    """The inverse of :func:`parse_time` (``2027-02-08T09:00:00Z``)."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Note:
    """Someone did something at a moment: a comment, or a commit pushed to a PR branch."""

    author: str
    at: dt.datetime


@dataclass(frozen=True)
class Review:
    author: str
    state: str
    submitted_at: dt.datetime


@dataclass(frozen=True)
class PullRequest:
    number: int
    title: str
    author: str
    created_at: dt.datetime
    merged_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    draft: bool = False
    requested: tuple[str, ...] = ()
    reviews: tuple[Review, ...] = ()
    pushes: tuple[Note, ...] = ()  # the latest commits on the PR branch (author, commit time)
    comments: tuple[Note, ...] = ()
    labels: tuple[str, ...] = ()  # as of the snapshot

    @property
    def open(self) -> bool:
        return self.closed_at is None and self.merged_at is None

    def open_at(self, moment: dt.datetime) -> bool:
        """Whether the pull request was open at ``moment``."""
        ended = [m for m in (self.closed_at, self.merged_at) if m is not None]
        return self.created_at <= moment and not any(m <= moment for m in ended)


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    created_at: dt.datetime
    closed_at: dt.datetime | None = None
    milestone: str | None = None
    author: str = ""
    labels: tuple[str, ...] = ()  # as of the snapshot
    comments: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Milestone:
    title: str
    due_on: dt.date | None
    open_issues: int
    closed_issues: int

    @property
    def total(self) -> int:
        return self.open_issues + self.closed_issues


@dataclass(frozen=True)
class Commit:
    oid: str
    author: str | None
    committed_at: dt.datetime
    headline: str = ""  # the first line of its message


@dataclass(frozen=True)
class CheckIn:
    """A weekly check-in issue of a team and who commented on it."""

    number: int
    created_at: dt.datetime
    commenters: tuple[str, ...]
    blockers: tuple[str, ...] = ()  # "@who: what", carried over and newly written


@dataclass(frozen=True)
class RepoActivity:
    """Everything read from one team repository (``found`` is False when it is missing)."""

    name: str
    found: bool = True
    milestones: tuple[Milestone, ...] = ()
    issues: tuple[Issue, ...] = ()
    pulls: tuple[PullRequest, ...] = ()
    commits: tuple[Commit, ...] = ()
    checkins: tuple[CheckIn, ...] = ()  # the latest check-in issues, newest first
    truncated: bool = False


@dataclass(frozen=True)
class Invitation:
    """An organization invitation: who, since when, and when it failed (expired), if it did."""

    login: str
    created_at: dt.datetime
    failed_at: dt.datetime | None = None
    failed_reason: str = ""


@dataclass(frozen=True)
class Activity:
    """A snapshot of every team repository of a cohort, taken at ``fetched_at``."""

    org: str
    fetched_at: dt.datetime
    repos: dict[str, RepoActivity] = field(default_factory=dict)
    invitations: tuple[Invitation, ...] = ()  # pending org invitations
    failed: tuple[Invitation, ...] = ()  # failed (expired) org invitations, kept by GitHub
    # organization members among the people with a failed invitation and none pending (a
    # failed invitation stays listed after a later one is accepted)
    members: tuple[str, ...] = ()


def activity_to_json(activity: Activity) -> dict[str, Any]:
    """A JSON-ready form (for fixtures and caching a snapshot)."""
    return {
        "org": activity.org,
        "fetched_at": time_text(activity.fetched_at),
        "repos": {name: _repo_json(r) for name, r in sorted(activity.repos.items())},
        "invitations": [[i.login, time_text(i.created_at)] for i in activity.invitations],
        "failed": [
            [i.login, time_text(i.created_at), time_text(i.failed_at), i.failed_reason]
            for i in activity.failed
        ],
        "members": list(activity.members),
    }


def _repo_json(r: RepoActivity) -> dict[str, Any]:
    return {
        "found": r.found,
        "truncated": r.truncated,
        "milestones": [
            [m.title, m.due_on.isoformat() if m.due_on else None, m.open_issues, m.closed_issues]
            for m in r.milestones
        ],
        "issues": [_issue_json(i) for i in r.issues],
        "pulls": [_pull_json(p) for p in r.pulls],
        "commits": [[c.oid, c.author, time_text(c.committed_at), c.headline] for c in r.commits],
    }


def _notes_json(notes: tuple[Note, ...]) -> list[list[str | None]]:
    return [[n.author, time_text(n.at)] for n in notes]


def _notes_from(rows: list[list[str]] | None) -> tuple[Note, ...]:
    return tuple(Note(a, _must(w)) for a, w in rows or [])


def _issue_json(i: Issue) -> list[Any]:
    row: list[Any] = [i.number, i.title, time_text(i.created_at), time_text(i.closed_at)]
    row.append(i.milestone)
    if i.author or i.labels or i.comments:
        row += [i.author, list(i.labels), _notes_json(i.comments)]
    return row


def _issue_from(row: list[Any]) -> Issue:
    number, title, created, closed, milestone = row[:5]
    author, labels, comments = row[5:8] if len(row) >= 8 else ("", [], [])
    return Issue(
        number,
        title,
        _must(created),
        parse_time(closed),
        milestone,
        author,
        tuple(labels),
        _notes_from(comments),
    )


def _pull_json(p: PullRequest) -> dict[str, Any]:
    return {
        "number": p.number,
        "title": p.title,
        "author": p.author,
        "created_at": time_text(p.created_at),
        "merged_at": time_text(p.merged_at),
        "closed_at": time_text(p.closed_at),
        "draft": p.draft,
        "requested": list(p.requested),
        "reviews": [[r.author, r.state, time_text(r.submitted_at)] for r in p.reviews],
        "pushes": _notes_json(p.pushes),
        "comments": _notes_json(p.comments),
        "labels": list(p.labels),
    }


def activity_from_json(data: dict[str, Any]) -> Activity:
    """Read back what :func:`activity_to_json` wrote."""
    repos = {name: _repo_from(name, r) for name, r in data["repos"].items()}
    fetched = parse_time(data["fetched_at"])
    assert fetched is not None
    invitations = tuple(Invitation(str(x[0]), _must(x[1])) for x in data.get("invitations", []))
    failed = tuple(
        Invitation(str(x[0]), _must(x[1]), _must(x[2]), str(x[3])) for x in data.get("failed", [])
    )
    members = tuple(str(m) for m in data.get("members", []))
    return Activity(data["org"], fetched, repos, invitations, failed, members)


def _must(value: str | None) -> dt.datetime:
    parsed = parse_time(value)
    if parsed is None:
        raise ValueError("a timestamp is missing")
    return parsed


def _repo_from(name: str, r: dict[str, Any]) -> RepoActivity:
    return RepoActivity(
        name=name,
        found=bool(r["found"]),
        truncated=bool(r.get("truncated", False)),
        milestones=tuple(
            Milestone(t, dt.date.fromisoformat(d) if d else None, o, c)
            for t, d, o, c in r["milestones"]
        ),
        issues=tuple(_issue_from(row) for row in r["issues"]),
        pulls=tuple(_pull_from(p) for p in r["pulls"]),
        commits=tuple(_commit_from(row) for row in r["commits"]),
    )


def _commit_from(row: list[Any]) -> Commit:
    oid, author, when, *rest = row  # snapshots stored before headlines were kept have three
    return Commit(oid, author, _must(when), rest[0] if rest else "")


def _pull_from(p: dict[str, Any]) -> PullRequest:
    return PullRequest(
        number=p["number"],
        title=p["title"],
        author=p["author"],
        created_at=_must(p["created_at"]),
        merged_at=parse_time(p["merged_at"]),
        closed_at=parse_time(p["closed_at"]),
        draft=p["draft"],
        requested=tuple(p["requested"]),
        reviews=tuple(Review(a, s, _must(w)) for a, s, w in p["reviews"]),
        pushes=_notes_from(p.get("pushes")),
        comments=_notes_from(p.get("comments")),
        labels=tuple(p.get("labels") or ()),
    )


def latest_moment(activity: Activity) -> dt.datetime | None:
    """The latest event in a snapshot (a rehearsal sandbox's clock may lag behind its state)."""
    moments: list[dt.datetime] = []
    for repo in activity.repos.values():
        moments += [c.committed_at for c in repo.commits]
        moments += [m for i in repo.issues for m in (i.created_at, i.closed_at) if m]
        for pr in repo.pulls:
            moments += [m for m in (pr.created_at, pr.merged_at, pr.closed_at) if m]
            moments += [r.submitted_at for r in pr.reviews]
            moments += [n.at for n in pr.pushes + pr.comments]
        moments += [n.at for i in repo.issues for n in i.comments]
    return max(moments) if moments else None
