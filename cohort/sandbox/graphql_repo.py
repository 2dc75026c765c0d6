"""GraphQL views of a repository: git objects, issues, pull requests, collaborators."""

from __future__ import annotations

from typing import Any

from cohort.sandbox import graphql_views as v
from cohort.sandbox.git import TreeEntry
from cohort.sandbox.shapes import WEB
from cohort.sandbox.state import Issue, Repo, State
from cohort.sandbox.wire import iso

View = dict[str, Any]


def commit(state: State, repo: Repo, sha: str) -> View:
    c = repo.git.commits[sha]

    def history(**a: Any) -> View:
        shas = repo.git.history(sha)
        since = a.get("since")
        if since:
            shas = [s for s in shas if iso(repo.git.commits[s].committer.when) >= str(since)]
        return v.connection(v.plain([commit(state, repo, s) for s in shas]), a)

    login = c.author.email.split("+", 1)[1].split("@")[0] if "+" in c.author.email else None
    person = {
        "name": c.author.name,
        "email": c.author.email,
        "date": iso(c.author.when),
        "user": v.user(state, login) if login and login in state.users else None,
    }
    return {
        "__typename": "Commit",
        "id": f"C_{sha[:20]}",
        "oid": sha,
        "abbreviatedOid": sha[:7],
        "message": c.message,
        "messageHeadline": c.message.split("\n", 1)[0],
        "committedDate": iso(c.committer.when),
        "authoredDate": iso(c.author.when),
        "author": person,
        "committer": person,
        "history": history,
        "url": f"{WEB}/{repo.full_name}/commit/{sha}",
        "tree": tree(repo, c.tree, ""),
    }


def tree(repo: Repo, sha: str, path: str) -> View:
    def entry(e: TreeEntry) -> View:
        full = f"{path}/{e.name}" if path else e.name
        obj = blob(repo, e.sha) if e.kind == "blob" else tree(repo, e.sha, full)
        return {
            "name": e.name,
            "path": full,
            "oid": e.sha,
            "type": e.kind,
            "mode": int(e.mode, 8),
            "object": obj,
        }

    return {
        "__typename": "Tree",
        "id": f"T_{sha[:20]}",
        "oid": sha,
        "entries": lambda **_: [entry(e) for e in repo.git.trees.get(sha, [])],
    }


def blob(repo: Repo, sha: str) -> View:
    data = repo.git.blobs[sha]
    binary = b"\0" in data
    return {
        "__typename": "Blob",
        "id": f"B_{sha[:20]}",
        "oid": sha,
        "byteSize": len(data),
        "isBinary": binary,
        "text": None if binary else data.decode(errors="replace"),
        "isTruncated": False,
        "abbreviatedOid": sha[:7],
    }


def resolve_expression(state: State, repo: Repo, expression: str) -> View | None:
    """``HEAD:path``, ``branch:path`` or an OID, as git rev-parse would."""
    rev, sep, path = expression.partition(":")
    if rev in ("HEAD", ""):
        rev = repo.default_branch
    sha = repo.git.refs.get(f"refs/heads/{rev}") or repo.git.refs.get(rev)
    if sha is None and rev in repo.git.commits:
        sha = rev
    if sha is None:
        return None
    if not sep:
        return commit(state, repo, sha)
    entry = repo.git.lookup(repo.git.commits[sha].tree, path)
    if entry is None:
        return None
    return blob(repo, entry.sha) if entry.kind == "blob" else tree(repo, entry.sha, path)


def _ordered(items: list[Issue], order: dict[str, Any] | None) -> list[Issue]:
    field = (order or {}).get("field", "CREATED_AT")
    key = {
        "UPDATED_AT": lambda i: (i.updated_at, i.number),
        "COMMENTS": lambda i: (len(i.comments), i.number),
    }.get(field, lambda i: (i.created_at, i.number))
    return sorted(items, key=key, reverse=(order or {}).get("direction") == "DESC")


def pull(state: State, repo: Repo, item: Issue) -> View:
    from cohort.sandbox.rest_pulls import stats

    pr = item.pull
    assert pr is not None
    view = v.issue(state, repo, item)
    adds, dels, changed = stats(repo, item)
    reqs = [{"requestedReviewer": v.user(state, u)} for u in pr.requested_users]
    reqs += [
        {"requestedReviewer": v.team(state, t)}
        for s in pr.requested_teams
        if (t := state.team(repo.owner, s)) is not None
    ]
    reviews = [
        {
            "__typename": "PullRequestReview",
            "id": r.node_id,
            "state": r.state,
            "submittedAt": r.submitted_at,
            "body": r.body,
            "author": v.user(state, r.user),
        }
        for r in pr.reviews
    ]
    base_history = set(repo.git.history(pr.base_sha))
    own = [sha for sha in reversed(repo.git.history(pr.head_sha)) if sha not in base_history]
    commits = [
        {
            "__typename": "PullRequestCommit",
            "id": f"PRC_{sha[:16]}",
            "commit": commit(state, repo, sha),
        }
        for sha in own
    ]
    state_name = "MERGED" if pr.merged_at else item.state.upper()
    view.update(
        {
            "__typename": "PullRequest",
            "isDraft": pr.draft,
            "state": state_name,
            "merged": pr.merged_at is not None,
            "mergedAt": pr.merged_at,
            "headRefName": pr.head,
            "baseRefName": pr.base,
            "headRefOid": pr.head_sha,
            "additions": adds,
            "deletions": dels,
            "changedFiles": changed,
            "url": f"{WEB}/{repo.full_name}/pull/{item.number}",
            "reviewRequests": lambda **a: v.connection(v.plain(reqs), a),
            "reviews": lambda **a: v.connection(v.plain(reviews), a),
            "commits": lambda **a: v.connection(v.plain(commits), a),
        }
    )
    return view


def _issues(state: State, repo: Repo, pulls: bool, a: dict[str, Any]) -> View:
    states = a.get("states") or ["OPEN", "CLOSED", "MERGED"]
    wanted = {str(n).lower() for n in a.get("labels") or ()}
    names = {lb.id: lb.name.lower() for lb in repo.labels}
    found = []
    for i in repo.issues.values():
        if (i.pull is not None) != pulls:
            continue
        if wanted and not wanted & {names.get(x, "") for x in i.label_ids}:
            continue
        name = "MERGED" if i.pull and i.pull.merged_at else i.state.upper()
        if name in states:
            found.append(i)
    found = _ordered(found, a.get("orderBy"))
    make = pull if pulls else v.issue
    return v.connection(v.plain([make(state, repo, i) for i in found]), a)


def _collaborators(state: State, repo: Repo, a: dict[str, Any]) -> View:
    direct = dict(repo.collaborators)
    if a.get("affiliation") not in ("DIRECT", "OUTSIDE"):
        for login in state.users:
            perm = state.permission(login, repo)
            if (
                perm
                and (login in direct or state.users[login].type == "User")
                and (repo.visibility != "public" or perm != "pull")
            ):
                direct[login] = perm
    pairs = [
        (v.user(state, u), {"permission": v._PERMISSION[p]}) for u, p in sorted(direct.items())
    ]
    return v.connection(pairs, a)


def _git_fields(state: State, repo: Repo) -> View:
    head = repo.head()
    ref = (
        None
        if head is None
        else {
            "__typename": "Ref",
            "id": f"REF_{repo.id}",
            "name": repo.default_branch,
            "prefix": "refs/heads/",
            "target": commit(state, repo, head),
        }
    )
    return {
        "defaultBranchRef": ref,
        "object": lambda **a: resolve_expression(state, repo, str(a.get("expression", ""))),
        "isEmpty": repo.git.is_empty(),
    }


def repository_fields(state: State, repo: Repo) -> View:
    topics = [
        {"topic": {"name": t, "id": f"TO_{t}"}, "id": f"RT_{repo.id}_{t}"} for t in repo.topics
    ]
    view: View = {
        "__typename": "Repository",
        "id": repo.node_id,
        "databaseId": repo.id,
        "name": repo.name,
        "nameWithOwner": repo.full_name,
        "description": repo.description,
        "visibility": repo.visibility.upper(),
        "isPrivate": repo.visibility != "public",
        "isArchived": repo.archived,
        "url": f"{WEB}/{repo.full_name}",
        "createdAt": repo.created_at,
        "updatedAt": repo.updated_at,
        "owner": {
            "__typename": "Organization" if repo.owner in state.orgs else "User",
            "login": repo.owner,
            "id": state.users[repo.owner].node_id if repo.owner in state.users else "",
        },
        "repositoryTopics": lambda **a: v.connection(v.plain(topics), a),
        "labels": lambda **a: v.connection(v.plain([v.label(x) for x in repo.labels]), a),
        "label": lambda **a: (lambda x: v.label(x) if x else None)(repo.label(a["name"])),
        "milestones": lambda **a: v.connection(
            v.plain(
                [
                    v.milestone(state, repo, m)
                    for m in repo.milestones
                    if m.state.upper() in (a.get("states") or ["OPEN", "CLOSED"])
                ]
            ),
            a,
        ),
        "milestone": lambda **a: (lambda m: v.milestone(state, repo, m) if m else None)(
            repo.milestone(a["number"])
        ),
        "issues": lambda **a: _issues(state, repo, False, a),
        "pullRequests": lambda **a: _issues(state, repo, True, a),
        "issue": lambda **a: _one(state, repo, a["number"], False),
        "pullRequest": lambda **a: _one(state, repo, a["number"], True),
        "branchProtectionRules": lambda **a: v.connection(
            v.plain([v.rule(r) for r in repo.rules]), a
        ),
        "collaborators": lambda **a: _collaborators(state, repo, a),
    }
    view.update(_git_fields(state, repo))
    return view


def _one(state: State, repo: Repo, number: int, pulls: bool) -> View | None:
    item = repo.issues.get(number)
    if item is None or (item.pull is not None) != pulls:
        return None
    return pull(state, repo, item) if pulls else v.issue(state, repo, item)
