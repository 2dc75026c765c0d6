"""Read a cohort's activity: one aliased GraphQL query per ~25 team repositories, adaptive."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from cohort.config.identity import fold
from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.errors import GitHubError
from cohort.github.batching import BATCH, adaptive
from cohort.github.invitations_io import rest_pages
from cohort.github.paging import Connection, Pager, Pending, fields, more, send_riding
from cohort.github.ports import GitHubPort, GraphQLPort, RestPort
from cohort.github.routes import (
    LIST_FAILED_ORG_INVITATIONS,
    LIST_ORG_INVITATIONS,
    LIST_ORG_MEMBERS,
    Route,
)
from cohort.mentoring import answers
from cohort.mentoring.checkin import CHECKIN_LABEL
from cohort.summary.activity import (
    Activity,
    CheckIn,
    Commit,
    Invitation,
    Issue,
    Milestone,
    Note,
    PullRequest,
    RepoActivity,
    Review,
    parse_time,
    time_text,
)
from cohort.summary.compute import invited_people

PAGE = 100
# Every connection is read to its end: follow-up pages ride in the next batched read.
MILESTONES = Connection(
    "milestones",
    "nodes { title dueOn open: issues(states: [OPEN]) { totalCount } "
    "closed: issues(states: [CLOSED]) { totalCount } }",
    "states: [OPEN, CLOSED]",
    size=20,
)
# The latest comments and PR commits, and the labels, of each issue and PR: activity and help
# requests for the summary (a window, not pages: older comments are older activity).
_PEOPLE = (
    "comments(last: 20) { nodes { author { login } createdAt } } "
    "labels(first: 10) { nodes { name } }"
)
_PUSHES = "commits(last: 10) { nodes { commit { committedDate author { user { login } } } } }"
ISSUES = Connection(
    "issues",
    "nodes { number title createdAt closedAt milestone { title } author { login } "
    + _PEOPLE
    + " }",
    "orderBy: {field: UPDATED_AT, direction: DESC}",
)
# Nested page sizes stay small (a page of 50 pull requests each with 10 + 30 nested nodes
# keeps 25 repositories near 60,000 nodes); later pages are read like any other.
REVIEW_REQUESTS = Connection(
    "reviewRequests", "nodes { requestedReviewer { ... on User { login } } }", size=10
)
REVIEWS = Connection("reviews", "nodes { author { login } state submittedAt }", size=30)
PULLS = Connection(
    "pullRequests",
    "nodes { number title createdAt mergedAt closedAt isDraft author { login } "
    + fields((REVIEW_REQUESTS, REVIEWS))
    + f" {_PUSHES} {_PEOPLE}"
    + " }",
    "orderBy: {field: UPDATED_AT, direction: DESC}",
    size=50,
)
COMMENTS = Connection("comments", "nodes { author { login } body }", size=50)
# The latest two check-ins only (by design, not a page): the summary shows the last one.
_CHECKINS = (
    f"checkins: issues(first: 2, labels: [{json.dumps(CHECKIN_LABEL)}], "
    "orderBy: {field: CREATED_AT, direction: DESC}) { nodes { number createdAt body "
    + fields((COMMENTS,))
    + " } }"
)
_FIELDS = fields((MILESTONES, ISSUES, PULLS)) + " " + _CHECKINS


def history(since: dt.datetime) -> Connection:
    return Connection(
        "history",
        "nodes { oid messageHeadline committedDate author { user { login } } }",
        f"since: {json.dumps(time_text(since))}",
    )


def activity_query(org: str, names: Sequence[str], since: dt.datetime, extra: str = "") -> str:
    """One document reading every named repository (aliased r0, r1, …), first pages."""
    commits = f"defaultBranchRef {{ target {{ ... on Commit {{ {history(since).text()} }} }} }}"
    parts = [
        f"r{i}: repository(owner: {json.dumps(org)}, name: {json.dumps(n)}) {{ {_FIELDS}\n"
        f"  {commits} }}"
        for i, n in enumerate(names)
    ]
    return "query {\n" + "\n".join(parts) + f"\n{extra} }}"


def read_activity(
    client: GitHubPort,
    cohort: CohortFile,
    since: dt.datetime,
    *,
    now: dt.datetime,
    batch: int = BATCH,
) -> Activity:
    """Every team repository's activity since ``since``; ``now`` stamps the snapshot."""
    org = cohort.program.organization
    names = [repo_name(cohort, t) for t in cohort.teams]
    pager = Pager()
    nodes = adaptive(names, batch, lambda chunk: _read(client, org, chunk, since, pager), str)
    pager.drain(client)
    repos = {n: parse_repo(n, node) for n, node in nodes}
    pending = read_pending(client, org)
    failed = read_failed(client, org)
    members = read_members(client, cohort, pending, failed)
    return Activity(org, now, repos, pending, failed, members)


def read_pending(client: RestPort, org: str) -> tuple[Invitation, ...]:
    """Pending org invitations (one REST read per 100), for "not accepted after N days"."""
    return _invitations(client, LIST_ORG_INVITATIONS, org)


def read_failed(client: RestPort, org: str) -> tuple[Invitation, ...]:
    """Failed (expired) org invitations (one REST read per 100), for "invitation expired"."""
    return _invitations(client, LIST_FAILED_ORG_INVITATIONS, org)


def _invitations(client: RestPort, route: Route, org: str) -> tuple[Invitation, ...]:
    out = []
    for item in rest_pages(client, route, org=org):
        created = parse_time(str(item.get("created_at") or "")) if item.get("login") else None
        if created is not None:
            failed = parse_time(item.get("failed_at") or None)
            reason = str(item.get("failed_reason") or "")
            out.append(Invitation(str(item["login"]), created, failed, reason))
    return tuple(out)


def read_members(
    client: RestPort,
    cohort: CohortFile,
    pending: tuple[Invitation, ...],
    failed: tuple[Invitation, ...],
) -> tuple[str, ...]:
    """Which cohort people with a failed invitation and none pending are members after all.

    Reads the member list (one REST read per 100) only when there is such a person: GitHub
    keeps listing an invitation that failed after a later one was sent and accepted.
    """
    people = {fold(h) for h in invited_people(cohort)}
    waiting = {fold(i.login) for i in pending}
    unsure = {fold(i.login) for i in failed} & people - waiting
    if not unsure:
        return ()
    found = rest_pages(client, LIST_ORG_MEMBERS, org=cohort.program.organization)
    return tuple(sorted(str(m["login"]) for m in found if fold(str(m.get("login"))) in unsure))


def _read(
    client: GraphQLPort, org: str, chunk: list[str], since: dt.datetime, pager: Pager
) -> list[tuple[str, dict[str, Any] | None]]:
    data = send_riding(
        client, pager, len(chunk), lambda extra: activity_query(org, chunk, since, extra)
    )
    nodes = [(n, data.get(f"r{i}")) for i, n in enumerate(chunk)]
    for name, node in nodes:
        pager.add(_more(org, name, node, since))
    return nodes


def _more(org: str, name: str, node: dict[str, Any] | None, since: dt.datetime) -> list[Pending]:
    """Every connection of a repository node (and of its pull requests) with more pages."""
    if node is None:
        return []
    repo = (("repository", f"owner: {json.dumps(org)}, name: {json.dumps(name)}"),)
    out = more(node, repo, (MILESTONES, ISSUES, PULLS))
    for pull in (node.get("pullRequests") or {}).get("nodes") or []:
        owner = (*repo, ("pullRequest", f"number: {int(pull['number'])}"))
        out += more(pull, owner, (REVIEW_REQUESTS, REVIEWS))
    for checkin in (node.get("checkins") or {}).get("nodes") or []:
        owner = (*repo, ("issue", f"number: {int(checkin['number'])}"))
        out += more(checkin, owner, (COMMENTS,))
    target = (node.get("defaultBranchRef") or {}).get("target")
    if isinstance(target, dict):
        branch = (*repo, ("defaultBranchRef", ""), ("target", ""), ("... on Commit", ""))
        out += more(target, branch, (history(since),))
    return out


def parse_repo(name: str, node: dict[str, Any] | None) -> RepoActivity:
    """A repository node of :func:`activity_query` as RepoActivity (None: not found)."""
    if node is None:
        return RepoActivity(name, found=False)
    issues = node["issues"]
    pulls = node["pullRequests"]
    history = ((node.get("defaultBranchRef") or {}).get("target") or {}).get("history") or {}
    truncated = any((c.get("pageInfo") or {}).get("hasNextPage") for c in (issues, pulls, history))
    return RepoActivity(
        name=name,
        milestones=tuple(_milestone(m) for m in node["milestones"]["nodes"]),
        issues=tuple(_issue(i) for i in issues["nodes"]),
        pulls=tuple(_pull(p) for p in pulls["nodes"]),
        commits=tuple(_commit(c) for c in history.get("nodes") or []),
        checkins=tuple(_checkin(c) for c in (node.get("checkins") or {}).get("nodes") or []),
        truncated=bool(truncated),
    )


def _checkin(c: dict[str, Any]) -> CheckIn:
    nodes = c["comments"]["nodes"]
    people = (_login(n.get("author")) for n in nodes)
    said = [answers.Comment(_login(n.get("author")), str(n.get("body") or "")) for n in nodes]
    found = answers.carried_blockers(str(c.get("body") or "")) + answers.new_blockers(said, 0)
    return CheckIn(
        int(c["number"]),
        _when(c["createdAt"]),
        tuple(dict.fromkeys(people)),
        tuple(f"@{b.author}: {b.text}" for b in found),
    )


def _when(value: Any) -> dt.datetime:
    parsed = parse_time(str(value) if value else None)
    if parsed is None:
        raise GitHubError("GitHub answered without a timestamp")
    return parsed


def _login(actor: Any) -> str:
    return str(actor.get("login", "")) if isinstance(actor, dict) else "ghost"


def _milestone(m: dict[str, Any]) -> Milestone:
    due = parse_time(m.get("dueOn"))
    return Milestone(
        str(m["title"]),
        due.date() if due else None,
        int(m["open"]["totalCount"]),
        int(m["closed"]["totalCount"]),
    )


def _nodes(node: dict[str, Any], key: str) -> list[dict[str, Any]]:
    found = (node.get(key) or {}).get("nodes") or []
    return [n for n in found if isinstance(n, dict)]


def _comments(node: dict[str, Any]) -> tuple[Note, ...]:
    return tuple(
        Note(_login(c.get("author")), _when(c["createdAt"]))
        for c in _nodes(node, "comments")
        if c.get("createdAt")
    )


def _labels(node: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(n["name"]) for n in _nodes(node, "labels") if "name" in n)


def _pushes(node: dict[str, Any]) -> tuple[Note, ...]:
    out = []
    for n in _nodes(node, "commits"):
        commit = n.get("commit") or {}
        user = (commit.get("author") or {}).get("user")
        if commit.get("committedDate"):
            out.append(Note(_login(user) if user else "", _when(commit["committedDate"])))
    return tuple(out)


def _issue(i: dict[str, Any]) -> Issue:
    milestone = i.get("milestone")
    return Issue(
        int(i["number"]),
        str(i["title"]),
        _when(i["createdAt"]),
        parse_time(i.get("closedAt")),
        str(milestone["title"]) if isinstance(milestone, dict) else None,
        author=_login(i.get("author")) if i.get("author") else "",
        labels=_labels(i),
        comments=_comments(i),
    )


def _pull(p: dict[str, Any]) -> PullRequest:
    requested = [
        str(r["requestedReviewer"]["login"])
        for r in p["reviewRequests"]["nodes"]
        if isinstance(r.get("requestedReviewer"), dict) and "login" in r["requestedReviewer"]
    ]
    reviews = [
        Review(_login(r.get("author")), str(r["state"]), _when(r["submittedAt"]))
        for r in p["reviews"]["nodes"]
        if r.get("submittedAt")
    ]
    return PullRequest(
        number=int(p["number"]),
        title=str(p["title"]),
        author=_login(p.get("author")),
        created_at=_when(p["createdAt"]),
        merged_at=parse_time(p.get("mergedAt")),
        closed_at=parse_time(p.get("closedAt")),
        draft=bool(p.get("isDraft")),
        requested=tuple(requested),
        reviews=tuple(reviews),
        pushes=_pushes(p),
        comments=_comments(p),
        labels=_labels(p),
    )


def _commit(c: dict[str, Any]) -> Commit:
    user = (c.get("author") or {}).get("user")
    login = str(user["login"]) if isinstance(user, dict) else None
    headline = str(c.get("messageHeadline") or "")
    return Commit(str(c["oid"]), login, _when(c["committedDate"]), headline)


def pending_invitations(client: RestPort, org: str) -> list[dict[str, Any]] | None:
    """The organization's pending invitations (first 100), or None when not permitted."""
    try:
        found = client.call(LIST_ORG_INVITATIONS, params={"per_page": 100}, org=org)
    except GitHubError:
        return None  # needs members: read (an organization owner's view)
    return [i for i in found or [] if isinstance(i, dict)]
