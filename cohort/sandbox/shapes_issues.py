"""REST JSON shapes for labels, milestones, issues, comments, pull requests and reviews."""

from __future__ import annotations

from typing import Any

from cohort.sandbox.shapes import API, WEB, maybe_user, repo_full, team, user
from cohort.sandbox.state import Comment, Issue, Label, Milestone, Repo, Review, State


def label(repo: Repo, lab: Label) -> dict[str, Any]:
    return {
        "id": lab.id,
        "node_id": lab.node_id,
        "name": lab.name,
        "color": lab.color,
        "description": lab.description,
        "default": lab.default,
        "archived_at": None,
        "archived_by": None,
        "url": f"{API}/repos/{repo.full_name}/labels/{lab.name}",
    }


def issue_counts(repo: Repo, number: int) -> tuple[int, int]:
    """(open, closed) issue counts of a milestone (pull requests excluded)."""
    items = [i for i in repo.issues.values() if i.milestone == number and i.pull is None]
    return (
        sum(1 for i in items if i.state == "open"),
        sum(1 for i in items if i.state == "closed"),
    )


def milestone(state: State, repo: Repo, m: Milestone) -> dict[str, Any]:
    opened, closed = issue_counts(repo, m.number)
    base = f"{API}/repos/{repo.full_name}/milestones/{m.number}"
    return {
        "id": m.id,
        "node_id": m.node_id,
        "number": m.number,
        "title": m.title,
        "description": m.description,
        "state": m.state,
        "due_on": m.due_on,
        "open_issues": opened,
        "closed_issues": closed,
        "creator": user(state, m.creator),
        "created_at": m.created_at,
        "updated_at": m.updated_at,
        "closed_at": m.closed_at,
        "url": base,
        "labels_url": f"{base}/labels",
        "html_url": f"{WEB}/{repo.full_name}/milestone/{m.number}",
    }


def _labels(repo: Repo, issue: Issue) -> list[dict[str, Any]]:
    by_id = {lab.id: lab for lab in repo.labels}
    return [label(repo, by_id[i]) for i in issue.label_ids if i in by_id]


def _milestone_of(state: State, repo: Repo, issue: Issue) -> dict[str, Any] | None:
    m = repo.milestone(issue.milestone) if issue.milestone is not None else None
    return milestone(state, repo, m) if m else None


def _issue_common(state: State, repo: Repo, issue: Issue) -> dict[str, Any]:
    kind = "pull" if issue.pull else "issues"
    assignees = [user(state, a) for a in issue.assignees]
    return {
        "id": issue.id,
        "node_id": issue.node_id,
        "number": issue.number,
        "title": issue.title,
        "body": issue.body,
        "state": issue.state,
        "locked": False,
        "user": user(state, issue.user),
        "labels": _labels(repo, issue),
        "assignee": assignees[0] if assignees else None,
        "assignees": assignees,
        "milestone": _milestone_of(state, repo, issue),
        "created_at": issue.created_at,
        "updated_at": issue.updated_at,
        "closed_at": issue.closed_at,
        "author_association": "MEMBER",
        "html_url": f"{WEB}/{repo.full_name}/{kind}/{issue.number}",
    }


def _reactions(url: str) -> dict[str, Any]:
    names = ("+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes")
    return {"url": url, "total_count": 0, **dict.fromkeys(names, 0)}


def issue(state: State, repo: Repo, item: Issue) -> dict[str, Any]:
    base = f"{API}/repos/{repo.full_name}/issues/{item.number}"
    out = _issue_common(state, repo, item)
    out.update(
        {
            "url": base,
            "repository_url": f"{API}/repos/{repo.full_name}",
            "labels_url": f"{base}/labels{{/name}}",
            "comments_url": f"{base}/comments",
            "events_url": f"{base}/events",
            "comments": len(item.comments),
            "state_reason": item.state_reason,
            "active_lock_reason": None,
            "closed_by": maybe_user(state, item.closed_by) if item.state == "closed" else None,
            "performed_via_github_app": None,
            "timeline_url": f"{base}/timeline",
            "reactions": _reactions(f"{base}/reactions"),
        }
    )
    if item.pull is not None:
        pr_url = f"{API}/repos/{repo.full_name}/pulls/{item.number}"
        out["pull_request"] = {
            "url": pr_url,
            "html_url": out["html_url"],
            "diff_url": out["html_url"] + ".diff",
            "patch_url": out["html_url"] + ".patch",
            "merged_at": item.pull.merged_at,
        }
    return out


def comment(state: State, repo: Repo, item: Issue, c: Comment) -> dict[str, Any]:
    return {
        "id": c.id,
        "node_id": c.node_id,
        "body": c.body,
        "user": user(state, c.user),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "url": f"{API}/repos/{repo.full_name}/issues/comments/{c.id}",
        "html_url": f"{WEB}/{repo.full_name}/issues/{item.number}#issuecomment-{c.id}",
        "issue_url": f"{API}/repos/{repo.full_name}/issues/{item.number}",
        "author_association": "MEMBER",
        "performed_via_github_app": None,
        "reactions": _reactions(f"{API}/repos/{repo.full_name}/issues/comments/{c.id}/reactions"),
    }


def _branch_ref(state: State, repo: Repo, ref: str, sha: str) -> dict[str, Any]:
    return {
        "label": f"{repo.owner}:{ref}",
        "ref": ref,
        "sha": sha,
        "user": user(state, repo.owner),
        "repo": repo_full(state, repo),
    }


def _link(href: str) -> dict[str, str]:
    return {"href": href}


def pull_simple(state: State, repo: Repo, item: Issue) -> dict[str, Any]:
    pr = item.pull
    assert pr is not None
    base = f"{API}/repos/{repo.full_name}/pulls/{item.number}"
    issue_url = f"{API}/repos/{repo.full_name}/issues/{item.number}"
    out = _issue_common(state, repo, item)
    out.update(
        {
            "url": base,
            "diff_url": out["html_url"] + ".diff",
            "patch_url": out["html_url"] + ".patch",
            "issue_url": issue_url,
            "commits_url": f"{base}/commits",
            "review_comments_url": f"{base}/comments",
            "review_comment_url": f"{API}/repos/{repo.full_name}/pulls/comments{{/number}}",
            "comments_url": f"{issue_url}/comments",
            "statuses_url": f"{API}/repos/{repo.full_name}/statuses/{pr.head_sha}",
            "head": _branch_ref(state, repo, pr.head, pr.head_sha),
            "base": _branch_ref(state, repo, pr.base, pr.base_sha),
            "merged_at": pr.merged_at,
            "merge_commit_sha": pr.merge_commit_sha,
            "draft": pr.draft,
            "auto_merge": None,
            "active_lock_reason": None,
            "requested_reviewers": [user(state, u) for u in pr.requested_users],
            "requested_teams": [team(t) for t in _teams(state, repo, pr.requested_teams)],
        }
    )
    out["_links"] = {
        "self": _link(base),
        "html": _link(out["html_url"]),
        "issue": _link(issue_url),
        "comments": _link(f"{issue_url}/comments"),
        "review_comments": _link(f"{base}/comments"),
        "review_comment": _link(out["review_comment_url"]),
        "commits": _link(f"{base}/commits"),
        "statuses": _link(out["statuses_url"]),
    }
    return out


def _teams(state: State, repo: Repo, slugs: list[str]) -> list[Any]:
    return [t for s in slugs if (t := state.team(repo.owner, s)) is not None]


def pull(state: State, repo: Repo, item: Issue, stats: tuple[int, int, int]) -> dict[str, Any]:
    """pull-request; ``stats`` is (additions, deletions, changed files)."""
    pr = item.pull
    assert pr is not None
    out = pull_simple(state, repo, item)
    out.update(
        {
            "merged": pr.merged_at is not None,
            "mergeable": pr.merged_at is None,
            "mergeable_state": "clean",
            "merged_by": maybe_user(state, pr.merged_by),
            "comments": len(item.comments),
            "review_comments": 0,
            "commits": 1,
            "additions": stats[0],
            "deletions": stats[1],
            "changed_files": stats[2],
            "maintainer_can_modify": False,
            "rebaseable": True,
        }
    )
    return out


def review(state: State, repo: Repo, item: Issue, r: Review) -> dict[str, Any]:
    html = f"{WEB}/{repo.full_name}/pull/{item.number}#pullrequestreview-{r.id}"
    pr_url = f"{API}/repos/{repo.full_name}/pulls/{item.number}"
    return {
        "id": r.id,
        "node_id": r.node_id,
        "user": user(state, r.user),
        "body": r.body,
        "state": r.state,
        "commit_id": r.commit_id,
        "submitted_at": r.submitted_at,
        "html_url": html,
        "pull_request_url": pr_url,
        "author_association": "MEMBER",
        "_links": {"html": _link(html), "pull_request": _link(pr_url)},
    }
