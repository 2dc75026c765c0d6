"""REST JSON shapes for users, organizations, teams and repositories, as GitHub renders them."""

from __future__ import annotations

from typing import Any

from cohort.sandbox.state import Org, Repo, RepoInvitation, State, Team, User

API = "https://api.github.com"
WEB = "https://github.com"

_USER_URLS = {
    "followers_url": "/followers",
    "following_url": "/following{/other_user}",
    "gists_url": "/gists{/gist_id}",
    "starred_url": "/starred{/owner}{/repo}",
    "subscriptions_url": "/subscriptions",
    "organizations_url": "/orgs",
    "repos_url": "/repos",
    "events_url": "/events{/privacy}",
    "received_events_url": "/received_events",
}

_REPO_URLS = {
    "archive_url": "/{archive_format}{/ref}",
    "assignees_url": "/assignees{/user}",
    "blobs_url": "/git/blobs{/sha}",
    "branches_url": "/branches{/branch}",
    "collaborators_url": "/collaborators{/collaborator}",
    "comments_url": "/comments{/number}",
    "commits_url": "/commits{/sha}",
    "compare_url": "/compare/{base}...{head}",
    "contents_url": "/contents/{+path}",
    "contributors_url": "/contributors",
    "deployments_url": "/deployments",
    "downloads_url": "/downloads",
    "events_url": "/events",
    "forks_url": "/forks",
    "git_commits_url": "/git/commits{/sha}",
    "git_refs_url": "/git/refs{/sha}",
    "git_tags_url": "/git/tags{/sha}",
    "hooks_url": "/hooks",
    "issue_comment_url": "/issues/comments{/number}",
    "issue_events_url": "/issues/events{/number}",
    "issues_url": "/issues{/number}",
    "keys_url": "/keys{/key_id}",
    "labels_url": "/labels{/name}",
    "languages_url": "/languages",
    "merges_url": "/merges",
    "milestones_url": "/milestones{/number}",
    "notifications_url": "/notifications{?since,all,participating}",
    "pulls_url": "/pulls{/number}",
    "releases_url": "/releases{/id}",
    "stargazers_url": "/stargazers",
    "statuses_url": "/statuses/{sha}",
    "subscribers_url": "/subscribers",
    "subscription_url": "/subscription",
    "tags_url": "/tags",
    "teams_url": "/teams",
    "trees_url": "/git/trees{/sha}",
}


def node_for(kind: str, number: int) -> str:
    from cohort.sandbox.state import make_node_id

    return make_node_id(kind, number)


def user(state: State, login: str) -> dict[str, Any]:
    """simple-user."""
    u = state.users.get(login) or state.users.get(login.lower())
    uid, node_id, kind = (u.id, u.node_id, u.type) if u else (0, "", "User")
    out: dict[str, Any] = {
        "login": login,
        "id": uid,
        "node_id": node_id,
        "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
        "gravatar_id": "",
        "url": f"{API}/users/{login}",
        "html_url": f"{WEB}/{login}",
        "type": kind,
        "site_admin": False,
        "user_view_type": "public",
    }
    out.update({k: f"{API}/users/{login}{v}" for k, v in _USER_URLS.items()})
    return out


def maybe_user(state: State, login: str | None) -> dict[str, Any] | None:
    return None if login is None else user(state, login)


def public_user(state: State, u: User, *, private: bool) -> dict[str, Any]:
    """public-user, or private-user for the authenticated user."""
    out = user(state, u.login)
    out.update(
        {
            "name": u.name,
            "company": None,
            "blog": "",
            "location": None,
            "email": None,
            "hireable": None,
            "bio": None,
            "twitter_username": None,
            "public_repos": 0,
            "public_gists": 0,
            "followers": 0,
            "following": 0,
            "created_at": u.created_at,
            "updated_at": u.created_at,
        }
    )
    if private:
        out.update(
            {
                "private_gists": 0,
                "total_private_repos": 0,
                "owned_private_repos": 0,
                "disk_usage": 0,
                "collaborators": 0,
                "two_factor_authentication": True,
            }
        )
    return out


def org_simple(org: Org) -> dict[str, Any]:
    base = f"{API}/orgs/{org.login}"
    return {
        "login": org.login,
        "id": org.id,
        "node_id": org.node_id,
        "url": base,
        "repos_url": f"{base}/repos",
        "events_url": f"{base}/events",
        "hooks_url": f"{base}/hooks",
        "issues_url": f"{base}/issues",
        "members_url": f"{base}/members{{/member}}",
        "public_members_url": f"{base}/public_members{{/member}}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{org.id}?v=4",
        "description": None,
    }


def org_full(state: State, org: Org) -> dict[str, Any]:
    out = org_simple(org)
    public = sum(
        1 for r in state.repos.values() if r.owner == org.login and r.visibility == "public"
    )
    out.update(
        {
            "html_url": f"{WEB}/{org.login}",
            "has_organization_projects": True,
            "has_repository_projects": True,
            "public_repos": public,
            "public_gists": 0,
            "followers": 0,
            "following": 0,
            "type": "Organization",
            "created_at": org.created_at,
            "updated_at": org.created_at,
            "archived_at": None,
            "plan": {"name": org.plan, "space": 976562499, "private_repos": 10000},
            "is_verified": False,
            "collaborators": 0,
            "disk_usage": 0,
            "total_private_repos": 0,
            "owned_private_repos": 0,
            "private_gists": 0,
            "two_factor_requirement_enabled": False,
            "default_repository_permission": "read",
            "members_can_create_repositories": True,
            "members_allowed_repository_creation_type": "all",
            "members_can_create_public_repositories": True,
            "members_can_create_private_repositories": True,
            "members_can_create_internal_repositories": False,
            "members_can_create_pages": True,
            "members_can_create_public_pages": True,
            "members_can_create_private_pages": True,
            "members_can_fork_private_repositories": False,
            "web_commit_signoff_required": False,
            "twitter_username": None,
            "billing_email": None,
        }
    )
    return out


_TEAM_PERMISSION = {
    "pull": "pull",
    "triage": "triage",
    "push": "push",
    "maintain": "maintain",
    "admin": "admin",
}


def team(team: Team, permission: str = "pull") -> dict[str, Any]:
    """team (with ``parent``), which also satisfies team-simple."""
    base = f"{API}/organizations/{team.org}/team/{team.id}"
    return {
        "id": team.id,
        "node_id": team.node_id,
        "url": base,
        "name": team.name,
        "slug": team.slug,
        "description": team.description,
        "privacy": team.privacy,
        "notification_setting": "notifications_enabled",
        "permission": permission,
        "members_url": f"{base}/members{{/member}}",
        "repositories_url": f"{base}/repos",
        "html_url": f"{WEB}/orgs/{team.org}/teams/{team.slug}",
        "parent": None,
        "type": "organization",
    }


def team_full(state: State, t: Team) -> dict[str, Any]:
    out = team(t)
    out.pop("parent")
    org = state.orgs[t.org]
    organization = org_full(state, org)
    out.update(
        {
            "created_at": t.created_at,
            "updated_at": t.updated_at,
            "members_count": len(t.members),
            "repos_count": len(t.repos),
            "organization": organization,
        }
    )
    return out


def repo_minimal(state: State, repo: Repo) -> dict[str, Any]:
    base = f"{API}/repos/{repo.full_name}"
    out: dict[str, Any] = {
        "id": repo.id,
        "node_id": repo.node_id,
        "name": repo.name,
        "full_name": repo.full_name,
        "owner": user(state, repo.owner),
        "private": repo.visibility != "public",
        "html_url": f"{WEB}/{repo.full_name}",
        "description": repo.description,
        "fork": False,
        "url": base,
        "visibility": repo.visibility,
        "archived": repo.archived,
        "topics": list(repo.topics),
        "default_branch": repo.default_branch,
    }
    out.update({k: base + v for k, v in _REPO_URLS.items()})
    return out


def repo_full(state: State, repo: Repo, login: str | None = None) -> dict[str, Any]:
    out = repo_minimal(state, repo)
    open_issues = sum(1 for i in repo.issues.values() if i.state == "open")
    out.update(
        {
            "clone_url": f"{WEB}/{repo.full_name}.git",
            "git_url": f"git://github.com/{repo.full_name}.git",
            "ssh_url": f"git@github.com:{repo.full_name}.git",
            "svn_url": f"{WEB}/{repo.full_name}",
            "mirror_url": None,
            "homepage": repo.homepage,
            "language": None,
            "forks": 0,
            "forks_count": 0,
            "stargazers_count": 0,
            "watchers_count": 0,
            "watchers": 0,
            "size": 0,
            "open_issues": open_issues,
            "open_issues_count": open_issues,
            "has_issues": repo.has_issues,
            "has_projects": repo.has_projects,
            "has_wiki": repo.has_wiki,
            "has_pages": repo.pages is not None,
            "has_downloads": True,
            "has_discussions": repo.has_discussions,
            "disabled": False,
            "license": None,
            "pushed_at": repo.updated_at,
            "created_at": repo.created_at,
            "updated_at": repo.updated_at,
            "network_count": 0,
            "subscribers_count": 0,
            "is_template": False,
            "allow_forking": True,
            "web_commit_signoff_required": False,
            **repo.merge_settings,
            "allow_update_branch": False,
            "use_squash_pr_title_as_default": repo.merge_settings["squash_merge_commit_title"]
            == "PR_TITLE",
            "merge_commit_title": "MERGE_MESSAGE",
            "merge_commit_message": "PR_TITLE",
            "temp_clone_token": "",
        }
    )
    org = state.orgs.get(repo.owner)
    if org is not None:
        out["organization"] = user(state, org.login)
    if login is not None:
        out["permissions"] = permissions_map(state.permission(login, repo))
    return out


def permissions_map(perm: str | None) -> dict[str, bool]:
    order = ["pull", "triage", "push", "maintain", "admin"]
    rank = order.index(perm) if perm in order else -1
    return {name: rank >= i for i, name in enumerate(order)}


def repo_invitation(state: State, repo: Repo, inv: RepoInvitation) -> dict[str, Any]:
    perm = {"pull": "read", "push": "write"}.get(inv.permission, inv.permission)
    return {
        "id": inv.id,
        "node_id": inv.node_id,
        "repository": repo_minimal(state, repo),
        "invitee": user(state, inv.invitee),
        "inviter": user(state, inv.inviter),
        "permissions": perm,
        "created_at": inv.created_at,
        "expired": False,
        "url": f"{API}/user/repository_invitations/{inv.id}",
        "html_url": f"{WEB}/{repo.full_name}/invitations",
    }
