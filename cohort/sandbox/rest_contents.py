"""REST: repository contents, branches and branch protection."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cohort.sandbox import lookup, rules
from cohort.sandbox.commits import commit_changes
from cohort.sandbox.rest_git import commit_body
from cohort.sandbox.shapes import API, WEB, team, user
from cohort.sandbox.state import ProtectionRule, Repo, State
from cohort.sandbox.wire import ApiError, Ctx, Request, Response, not_found, op


def _content_entry(
    repo: Repo, path: str, kind: str, sha: str, size: int, ref: str
) -> dict[str, Any]:
    url = f"{API}/repos/{repo.full_name}/contents/{path}?ref={ref}"
    git_url = f"{API}/repos/{repo.full_name}/git/{'trees' if kind == 'dir' else 'blobs'}/{sha}"
    html = f"{WEB}/{repo.full_name}/{'tree' if kind == 'dir' else 'blob'}/{ref}/{path}"
    raw = f"https://raw.githubusercontent.com/{repo.full_name}/{ref}/{path}"
    return {
        "type": kind,
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": sha,
        "size": size,
        "url": url,
        "git_url": git_url,
        "html_url": html,
        "download_url": raw if kind == "file" else None,
        "_links": {"self": url, "git": git_url, "html": html},
    }


@op("repos/get-content")
def get_content(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    ref = req.query.get("ref") or repo.default_branch
    head = repo.git.refs.get(f"refs/heads/{ref}") or (ref if ref in repo.git.commits else None)
    if head is None:
        raise ApiError(404, "This repository is empty." if repo.git.is_empty() else "Not Found")
    path = req.params.get("path", "").strip("/")
    entry = repo.git.lookup(repo.git.commits[head].tree, path)
    if entry is None:
        raise not_found()
    if entry.kind == "tree":
        items = []
        for e in repo.git.trees[entry.sha]:
            sub = f"{path}/{e.name}" if path else e.name
            size = len(repo.git.blobs[e.sha]) if e.kind == "blob" else 0
            items.append(
                _content_entry(repo, sub, "file" if e.kind == "blob" else "dir", e.sha, size, ref)
            )
        return Response(200, items)
    data = repo.git.blobs[entry.sha]
    if ".raw" in req.accept:  # GitHub's raw media type answers the bytes themselves
        return Response(200, data)
    body = _content_entry(repo, path, "file", entry.sha, len(data), ref)
    body.update({"content": base64.encodebytes(data).decode(), "encoding": "base64"})
    return Response(200, body)


@op("repos/create-or-update-file-contents")
def put_content(ctx: Ctx, req: Request) -> Response:
    repo = lookup.writable_repo(ctx, req)
    data = lookup.body(req)
    path = req.params["path"].strip("/")
    branch = str(data.get("branch") or repo.default_branch)
    try:
        raw = base64.b64decode(str(data["content"]), validate=True)
    except binascii.Error as exc:
        raise ApiError(422, "content is not valid Base64") from exc
    if rules.workflow_message(req.principal, path):
        raise not_found()  # GitHub hides the path (see cohort.sandbox.rules)
    if rules.direct_push_refused(ctx.state, req.principal, repo, branch):
        raise ApiError(409, "Changes must be made through a pull request.")
    head = repo.git.refs.get(f"refs/heads/{branch}")
    if head is None and not repo.git.is_empty():
        raise ApiError(404, f"Branch {branch} not found")
    existing = repo.git.lookup(repo.git.commits[head].tree, path) if head else None
    given = data.get("sha")
    if existing is not None and given is None:
        raise ApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
    if existing is not None and given != existing.sha:
        raise ApiError(409, f"{path} does not match {given}")
    sha = commit_changes(
        ctx.state, repo, branch, {path: raw}, str(data["message"]), req.principal.login, ctx.now
    )
    blob = repo.git.lookup(repo.git.commits[sha].tree, path)
    assert blob is not None
    content = _content_entry(repo, path, "file", blob.sha, len(raw), branch)
    return Response(
        201 if existing is None else 200, {"content": content, "commit": commit_body(repo, sha)}
    )


def _branch_commit(repo: Repo, sha: str) -> dict[str, Any]:
    git = commit_body(repo, sha)
    base = f"{API}/repos/{repo.full_name}"
    return {
        "sha": sha,
        "node_id": git["node_id"],
        "url": f"{base}/commits/{sha}",
        "html_url": git["html_url"],
        "comments_url": f"{base}/commits/{sha}/comments",
        "commit": {
            "url": git["url"],
            "author": git["author"],
            "committer": git["committer"],
            "message": git["message"],
            "comment_count": 0,
            "tree": git["tree"],
            "verification": git["verification"],
        },
        "author": None,
        "committer": None,
        "parents": [
            {"sha": p["sha"], "url": f"{base}/commits/{p['sha']}", "html_url": p["html_url"]}
            for p in git["parents"]
        ],
    }


@op("repos/get-branch")
def get_branch(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    name = req.params["branch"]
    sha = repo.git.refs.get(f"refs/heads/{name}")
    if sha is None:
        raise ApiError(404, "Branch not found")
    url = f"{API}/repos/{repo.full_name}/branches/{name}"
    rule = repo.rule_for(name)
    body = {
        "name": name,
        "commit": _branch_commit(repo, sha),
        "protected": rule is not None,
        "protection": protection_body(ctx.state, repo, name, rule) if rule else {"enabled": False},
        "protection_url": f"{url}/protection",
        "_links": {"self": url, "html": f"{WEB}/{repo.full_name}/tree/{name}"},
    }
    return Response(200, body)


def _enabled(value: bool) -> dict[str, bool]:
    return {"enabled": value}


def _restrictions(
    state: State, repo: Repo, url: str, limits: dict[str, list[str]]
) -> dict[str, Any]:
    teams = [t for s in limits["teams"] if (t := state.team(repo.owner, s)) is not None]
    return {
        "url": f"{url}/restrictions",
        "users_url": f"{url}/restrictions/users",
        "teams_url": f"{url}/restrictions/teams",
        "apps_url": f"{url}/restrictions/apps",
        "users": [user(state, u) for u in limits["users"]],
        "teams": [team(t) for t in teams],
        "apps": [],
    }


def protection_body(state: State, repo: Repo, branch: str, rule: ProtectionRule) -> dict[str, Any]:
    url = f"{API}/repos/{repo.full_name}/branches/{branch}/protection"
    out: dict[str, Any] = {
        "url": url,
        "enabled": True,
        "enforce_admins": {"url": f"{url}/enforce_admins", "enabled": rule.enforce_admins},
        "required_linear_history": _enabled(rule.linear_history),
        "allow_force_pushes": _enabled(rule.allow_force_pushes),
        "allow_deletions": _enabled(rule.allow_deletions),
        "required_conversation_resolution": _enabled(rule.conversation_resolution),
        "block_creations": _enabled(False),
        "lock_branch": _enabled(False),
        "allow_fork_syncing": _enabled(False),
        "required_signatures": {"url": f"{url}/required_signatures", "enabled": False},
    }
    if rule.status_checks is not None:
        out["required_status_checks"] = {
            "url": f"{url}/required_status_checks",
            "strict": rule.strict_status_checks,
            "contexts": list(rule.status_checks),
            "contexts_url": f"{url}/required_status_checks/contexts",
            "checks": [{"context": c, "app_id": None} for c in rule.status_checks],
        }
    if rule.restrictions is not None:
        out["restrictions"] = _restrictions(state, repo, url, rule.restrictions)
    if rule.requires_approving_reviews:
        out["required_pull_request_reviews"] = {
            "url": f"{url}/required_pull_request_reviews",
            "dismiss_stale_reviews": rule.dismiss_stale_reviews,
            "require_code_owner_reviews": rule.requires_code_owner_reviews,
            "required_approving_review_count": rule.required_approving_review_count,
            "require_last_push_approval": rule.require_last_push_approval,
        }
    return out


def _protected_repo(ctx: Ctx, req: Request) -> Repo:
    repo = lookup.repo(ctx, req)
    org = ctx.state.orgs.get(repo.owner)
    if repo.visibility != "public" and org is not None and org.plan == "free":
        raise ApiError(
            403, "Upgrade to GitHub Pro or make this repository public to enable this feature."
        )
    if f"refs/heads/{req.params['branch']}" not in repo.git.refs:
        raise ApiError(404, "Branch not found")
    return repo


@op("repos/get-branch-protection")
def get_protection(ctx: Ctx, req: Request) -> Response:
    repo = _protected_repo(ctx, req)
    rule = repo.rule_for(req.params["branch"])
    if rule is None:
        raise ApiError(404, "Branch not protected")
    return Response(200, protection_body(ctx.state, repo, req.params["branch"], rule))


def apply_rest_protection(rule: ProtectionRule, data: dict[str, Any]) -> None:
    reviews = data.get("required_pull_request_reviews")
    rule.requires_approving_reviews = reviews is not None
    reviews = reviews or {}
    rule.required_approving_review_count = int(
        reviews.get("required_approving_review_count", 1 if rule.requires_approving_reviews else 0)
    )
    rule.requires_code_owner_reviews = bool(reviews.get("require_code_owner_reviews", False))
    rule.dismiss_stale_reviews = bool(reviews.get("dismiss_stale_reviews", False))
    rule.require_last_push_approval = bool(reviews.get("require_last_push_approval", False))
    rule.enforce_admins = bool(data.get("enforce_admins"))
    checks = data.get("required_status_checks")
    rule.status_checks = list(checks.get("contexts") or []) if checks else None
    rule.strict_status_checks = bool(checks.get("strict")) if checks else False
    rule.linear_history = bool(data.get("required_linear_history", False))
    rule.allow_force_pushes = bool(data.get("allow_force_pushes", False))
    rule.allow_deletions = bool(data.get("allow_deletions", False))
    rule.conversation_resolution = bool(data.get("required_conversation_resolution", False))
    limits = data.get("restrictions")
    rule.restrictions = (
        {k: [str(x) for x in limits.get(k) or []] for k in ("users", "teams", "apps")}
        if isinstance(limits, dict)
        else None
    )


@op("repos/update-branch-protection")
def put_protection(ctx: Ctx, req: Request) -> Response:
    repo = _protected_repo(ctx, req)
    branch = req.params["branch"]
    rule = repo.rule_for(branch)
    if rule is None:
        number, node_id = ctx.state.node("BranchProtectionRule")
        rule = ProtectionRule(number, node_id, branch)
        repo.rules.append(rule)
    apply_rest_protection(rule, lookup.body(req))
    return Response(200, protection_body(ctx.state, repo, branch, rule))


@op("repos/delete-branch-protection")
def delete_protection(ctx: Ctx, req: Request) -> Response:
    repo = _protected_repo(ctx, req)
    rule = repo.rule_for(req.params["branch"])
    if rule is None:
        raise ApiError(404, "Branch not protected")
    repo.rules.remove(rule)
    return Response(204)
