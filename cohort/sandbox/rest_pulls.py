"""REST: pull requests, their files, reviews, review requests and merges."""

from __future__ import annotations

from typing import Any

from cohort.sandbox import lookup, rules, webhooks
from cohort.sandbox import shapes_issues as shape
from cohort.sandbox.commits import commit_changes
from cohort.sandbox.rest_issues import new_issue
from cohort.sandbox.shapes import API, WEB, team, user
from cohort.sandbox.state import Issue, PullData, Repo, Review
from cohort.sandbox.wire import ApiError, Ctx, Request, Response, op, page_response


def diff(repo: Repo, pr: PullData) -> list[dict[str, Any]]:
    """diff-entry items between the base and head commits."""
    old = repo.git.files(repo.git.commits[pr.base_sha].tree)
    new = repo.git.files(repo.git.commits[pr.head_sha].tree)
    out = []
    for path in sorted(set(old) | set(new)):
        if old.get(path) == new.get(path):
            continue
        before = (
            repo.git.blobs[old[path]].decode(errors="replace").splitlines() if path in old else []
        )
        after = (
            repo.git.blobs[new[path]].decode(errors="replace").splitlines() if path in new else []
        )
        status = "added" if path not in old else "removed" if path not in new else "modified"
        adds, dels = len(set(after) - set(before)), len(set(before) - set(after))
        ref = pr.head_sha
        out.append(
            {
                "sha": new.get(path) or old[path],
                "filename": path,
                "status": status,
                "additions": adds,
                "deletions": dels,
                "changes": adds + dels,
                "blob_url": f"{WEB}/{repo.full_name}/blob/{ref}/{path}",
                "raw_url": f"{WEB}/{repo.full_name}/raw/{ref}/{path}",
                "contents_url": f"{API}/repos/{repo.full_name}/contents/{path}?ref={ref}",
            }
        )
    return out


def stats(repo: Repo, item: Issue) -> tuple[int, int, int]:
    assert item.pull is not None
    files = diff(repo, item.pull)
    return (sum(f["additions"] for f in files), sum(f["deletions"] for f in files), len(files))


def _full(ctx: Ctx, repo: Repo, item: Issue) -> dict[str, Any]:
    return shape.pull(ctx.state, repo, item, stats(repo, item))


@op("pulls/list")
def list_pulls(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    state = req.query.get("state", "open")
    items = [i for i in repo.issues.values() if i.pull and state in ("all", i.state)]
    items.sort(key=lambda i: i.number, reverse=req.query.get("direction", "desc") == "desc")
    return page_response(req, [shape.pull_simple(ctx.state, repo, i) for i in items])


@op("pulls/get")
def get_pull(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.pull(ctx, req)
    return Response(200, _full(ctx, repo, item))


@op("pulls/create")
def create_pull(ctx: Ctx, req: Request) -> Response:
    repo = lookup.writable_repo(ctx, req)
    data = lookup.body(req)
    head, base = str(data["head"]).split(":")[-1], str(data["base"])
    head_sha = repo.git.refs.get(f"refs/heads/{head}")
    base_sha = repo.git.refs.get(f"refs/heads/{base}")
    if head_sha is None or base_sha is None:
        raise ApiError(
            422,
            "Validation Failed",
            [
                {
                    "resource": "PullRequest",
                    "code": "invalid",
                    "field": "head" if head_sha is None else "base",
                }
            ],
        )
    if head_sha == base_sha:
        raise ApiError(
            422,
            "Validation Failed",
            [
                {
                    "resource": "PullRequest",
                    "code": "custom",
                    "message": f"No commits between {base} and {head}",
                }
            ],
        )
    item = new_issue(ctx, repo, str(data.get("title") or head), req.principal.login, "PullRequest")
    ctx.created -= 1
    item.body = data.get("body")
    item.pull = PullData(head, base, head_sha, base_sha, draft=bool(data.get("draft")))
    owners = [] if item.pull.draft else rules.request_code_owners(ctx.state, repo, item)
    ctx.created += len(owners)
    who = req.principal.login
    webhooks.pull_request(ctx.state, ctx.now, repo, item, "opened", who)
    webhooks.review_requested(ctx.state, ctx.now, repo, item, owners, who)
    return Response(201, _full(ctx, repo, item))


@op("pulls/update")
def update_pull(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.pull(ctx, req)
    data = lookup.body(req)
    for key in ("title", "body"):
        if key in data:
            setattr(item, key, data[key])
    if data.get("state") in ("open", "closed"):
        item.state = data["state"]
        item.closed_at = ctx.stamp if item.state == "closed" else None
        item.closed_by = req.principal.login if item.state == "closed" else None
    item.updated_at = ctx.stamp
    return Response(200, _full(ctx, repo, item))


@op("pulls/list-files")
def list_files(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.pull(ctx, req)
    assert item.pull is not None
    return page_response(req, diff(repo, item.pull))


@op("pulls/list-reviews")
def list_reviews(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.pull(ctx, req)
    assert item.pull is not None
    return page_response(req, [shape.review(ctx.state, repo, item, r) for r in item.pull.reviews])


@op("pulls/create-review")
def create_review(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.pull(ctx, req)
    pr = item.pull
    assert pr is not None
    data = lookup.body(req)
    event = data.get("event")
    state = {
        "APPROVE": "APPROVED",
        "REQUEST_CHANGES": "CHANGES_REQUESTED",
        "COMMENT": "COMMENTED",
    }.get(str(event), "PENDING")
    if req.principal.login == item.user and state in ("APPROVED", "CHANGES_REQUESTED"):
        raise ApiError(422, "Unprocessable Entity", ["Can not approve your own pull request"])
    number, node_id = ctx.state.node("PullRequestReview")
    made = Review(
        number,
        node_id,
        req.principal.login,
        str(data.get("body") or ""),
        state,
        str(data.get("commit_id") or pr.head_sha),
        ctx.stamp,
    )
    pr.reviews.append(made)
    webhooks.reviewed(ctx.state, ctx.now, repo, item, made, req.principal.login)
    if req.principal.login in pr.requested_users:
        pr.requested_users.remove(req.principal.login)
    return Response(200, shape.review(ctx.state, repo, item, made))


def request(ctx: Ctx, repo: Repo, item: Issue, users: list[str], teams: list[str]) -> None:
    """Add review requests (each counts as created content)."""
    pr = item.pull
    assert pr is not None
    for login in users:
        if login == item.user:
            raise ApiError(422, "Review cannot be requested from pull request author.")
        if login not in pr.requested_users:
            pr.requested_users.append(login)
            ctx.created += 1
    for slug in teams:
        if slug not in pr.requested_teams:
            pr.requested_teams.append(slug)
            ctx.created += 1


@op("pulls/request-reviewers")
def request_reviewers(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.pull(ctx, req)
    data = lookup.body(req)
    before = list(item.pull.requested_users) if item.pull else []
    request(ctx, repo, item, list(data.get("reviewers", [])), list(data.get("team_reviewers", [])))
    added = [u for u in (item.pull.requested_users if item.pull else []) if u not in before]
    webhooks.review_requested(ctx.state, ctx.now, repo, item, added, req.principal.login)
    return Response(201, shape.pull_simple(ctx.state, repo, item))


@op("pulls/remove-requested-reviewers")
def remove_requested(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.pull(ctx, req)
    pr = item.pull
    assert pr is not None
    data = lookup.body(req)
    gone_users = {str(u).lower() for u in data.get("reviewers", [])}
    gone_teams = {str(t).lower() for t in data.get("team_reviewers", [])}
    pr.requested_users = [u for u in pr.requested_users if u.lower() not in gone_users]
    pr.requested_teams = [t for t in pr.requested_teams if t.lower() not in gone_teams]
    return Response(200, shape.pull_simple(ctx.state, repo, item))


@op("pulls/list-requested-reviewers")
def list_requested(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.pull(ctx, req)
    pr = item.pull
    assert pr is not None
    teams = [t for s in pr.requested_teams if (t := ctx.state.team(repo.owner, s))]
    return Response(
        200,
        {
            "users": [user(ctx.state, u) for u in pr.requested_users],
            "teams": [team(t) for t in teams],
        },
    )


def default_merge_title(repo: Repo, item: Issue, method: str) -> str:
    """The commit title GitHub writes when the merge request names none.

    A squash merge is titled by the pull request (``PR_TITLE``), or by its only commit when
    it has one (``COMMIT_OR_PR_TITLE``, the default), with `` (#N)`` after it; a merge commit
    says ``Merge pull request #N from OWNER/BRANCH`` (the repository settings
    ``squash_merge_commit_title`` and ``merge_commit_title`` of ``PATCH /repos``).
    """
    pr = item.pull
    assert pr is not None
    if method != "squash":
        return f"Merge pull request #{item.number} from {repo.owner}/{pr.head}"
    base = set(repo.git.history(repo.git.refs[f"refs/heads/{pr.base}"]))
    own = [sha for sha in repo.git.history(pr.head_sha) if sha not in base]
    title = item.title
    if repo.merge_settings.get("squash_merge_commit_title") != "PR_TITLE" and len(own) == 1:
        title = repo.git.commits[own[0]].message.split("\n", 1)[0]
    return f"{title} (#{item.number})"


@op("pulls/merge")
def merge(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.pull(ctx, req)
    pr = item.pull
    assert pr is not None
    if pr.merged_at is not None or item.state == "closed":
        raise ApiError(405, "Pull Request is not mergeable")
    refused = rules.merge_refusal(ctx.state, req.principal, repo, item)
    if refused is not None:
        raise ApiError(405, refused)
    method = str(lookup.body(req).get("merge_method") or "merge")
    setting = {"merge": "allow_merge_commit", "squash": "allow_squash_merge"}.get(
        method, "allow_rebase_merge"
    )
    if not repo.merge_settings.get(setting, True):
        # GitHub's answer when the repository does not allow that merge method.
        kind = {"merge": "Merge commits", "squash": "Squash merges"}.get(method, "Rebase merges")
        raise ApiError(405, f"{kind} are not allowed on this repository.")
    files = repo.git.files(repo.git.commits[pr.head_sha].tree)
    changes: dict[str, bytes | None] = {p: repo.git.blobs[s] for p, s in files.items()}
    base_files = repo.git.files(repo.git.commits[repo.git.refs[f"refs/heads/{pr.base}"]].tree)
    changes.update({p: None for p in base_files if p not in files})
    title = lookup.body(req).get("commit_title") or default_merge_title(repo, item, method)
    sha = commit_changes(
        ctx.state, repo, pr.base, changes, str(title), req.principal.login, ctx.now
    )
    pr.merged_at, pr.merged_by, pr.merge_commit_sha = ctx.stamp, req.principal.login, sha
    item.state, item.closed_at, item.closed_by = "closed", ctx.stamp, req.principal.login
    webhooks.pull_request(ctx.state, ctx.now, repo, item, "closed", req.principal.login)
    if repo.merge_settings.get("delete_branch_on_merge") and pr.head != pr.base:
        repo.git.refs.pop(f"refs/heads/{pr.head}", None)
    return Response(
        200, {"sha": sha, "merged": True, "message": "Pull Request successfully merged"}
    )
