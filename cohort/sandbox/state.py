"""The sandbox's in-memory model of an organization: plain dataclasses and lookups.

Tests read the org through ``Sandbox.state`` (a ``State``):
``state.orgs[login]`` (``owners``, ``members``, ``invitations``),
``state.teams[(org, slug)]`` (``members`` {login: role}, ``pending`` {login: role},
``repos`` {"owner/name": permission}), ``state.repos["owner/name"]`` (``labels``,
``milestones``, ``issues`` by number, ``collaborators``, ``invitations``, ``rules`` — branch
protection — and ``git``), and ``state.files("owner/name")`` → {path: bytes} at HEAD.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from cohort.sandbox.git import GitStore

PERMISSION_RANK = {"pull": 1, "triage": 2, "push": 3, "maintain": 4, "admin": 5}


def make_node_id(kind: str, number: int) -> str:
    """An opaque, stable GraphQL node ID."""
    raw = base64.b64encode(f"0:{kind}{number}".encode()).decode().rstrip("=")
    return f"{kind[:2].upper()}_{raw}"


def node_kind(node_id: str) -> str:
    """The object kind encoded in a node ID ("" when it is not one of ours)."""
    raw = node_id.partition("_")[2]
    try:
        text = base64.b64decode(raw + "=" * (-len(raw) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return ""
    return text.removeprefix("0:").rstrip("0123456789")


@dataclass
class User:
    login: str
    id: int
    node_id: str
    name: str | None = None
    type: str = "User"
    created_at: str = ""


@dataclass
class OrgInvitation:
    id: int
    node_id: str
    login: str | None
    email: str | None
    role: str
    inviter: str
    created_at: str
    team_ids: list[int] = field(default_factory=list)
    failed_at: str | None = None  # set when it expired (GitHub's "failed invitations")
    failed_reason: str | None = None


@dataclass
class Org:
    login: str
    id: int
    node_id: str
    owners: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    invitations: list[OrgInvitation] = field(default_factory=list)
    plan: str = "free"
    created_at: str = ""
    established: bool = False
    expired: list[OrgInvitation] = field(default_factory=list)  # failed: listed, never pruned
    sent: list[str] = field(default_factory=list)

    def is_member(self, login: str) -> bool:
        return login in self.owners or login in self.members

    def role(self, login: str) -> str | None:
        if login in self.owners:
            return "admin"
        return "member" if login in self.members else None


@dataclass
class Team:
    org: str
    id: int
    node_id: str
    slug: str
    name: str
    description: str | None = None
    privacy: str = "secret"
    members: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    repos: dict[str, str] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""


@dataclass
class RepoInvitation:
    id: int
    node_id: str
    invitee: str
    inviter: str
    permission: str
    created_at: str


@dataclass
class Label:
    id: int
    node_id: str
    name: str
    color: str
    description: str | None = None
    default: bool = False


@dataclass
class Milestone:
    id: int
    node_id: str
    number: int
    title: str
    creator: str
    description: str | None = None
    due_on: str | None = None
    state: str = "open"
    created_at: str = ""
    updated_at: str = ""
    closed_at: str | None = None


@dataclass
class Comment:
    id: int
    node_id: str
    body: str
    user: str
    created_at: str
    updated_at: str


@dataclass
class Review:
    id: int
    node_id: str
    user: str
    body: str
    state: str
    commit_id: str
    submitted_at: str


@dataclass
class PullData:
    head: str
    base: str
    head_sha: str
    base_sha: str
    draft: bool = False
    merged_at: str | None = None
    merged_by: str | None = None
    merge_commit_sha: str | None = None
    requested_users: list[str] = field(default_factory=list)
    requested_teams: list[str] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)


@dataclass
class Issue:
    id: int
    node_id: str
    number: int
    title: str
    user: str
    created_at: str
    updated_at: str
    body: str | None = None
    state: str = "open"
    state_reason: str | None = None
    closed_at: str | None = None
    closed_by: str | None = None
    label_ids: list[int] = field(default_factory=list)
    milestone: int | None = None
    assignees: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    pull: PullData | None = None


@dataclass
class ProtectionRule:
    id: int
    node_id: str
    pattern: str
    requires_approving_reviews: bool = False
    required_approving_review_count: int = 0
    requires_code_owner_reviews: bool = False
    dismiss_stale_reviews: bool = False
    require_last_push_approval: bool = False
    enforce_admins: bool = False
    status_checks: list[str] | None = None
    strict_status_checks: bool = False
    linear_history: bool = False
    allow_force_pushes: bool = False
    allow_deletions: bool = False
    conversation_resolution: bool = False
    restrictions: dict[str, list[str]] | None = None


@dataclass
class Pages:
    """A repository's GitHub Pages site."""

    build_type: str = "legacy"
    branch: str | None = None
    path: str = "/"
    cname: str | None = None
    https_enforced: bool = True
    built: bool = False


# A new repository's merge settings on GitHub (POST /orgs/{org}/repos documents the defaults).
MERGE_SETTINGS: dict[str, bool | str] = {
    "allow_squash_merge": True,
    "allow_merge_commit": True,
    "allow_rebase_merge": True,
    "allow_auto_merge": False,
    "delete_branch_on_merge": False,
    "squash_merge_commit_title": "COMMIT_OR_PR_TITLE",
    "squash_merge_commit_message": "COMMIT_MESSAGES",
}


@dataclass
class Repo:
    owner: str
    name: str
    id: int
    node_id: str
    created_at: str
    updated_at: str
    visibility: str = "public"
    description: str | None = None
    homepage: str | None = None
    topics: list[str] = field(default_factory=list)
    archived: bool = False
    default_branch: str = "main"
    has_issues: bool = True
    has_projects: bool = True
    has_wiki: bool = True
    has_discussions: bool = False
    git: GitStore = field(default_factory=GitStore)
    collaborators: dict[str, str] = field(default_factory=dict)
    invitations: list[RepoInvitation] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    issues: dict[int, Issue] = field(default_factory=dict)
    rules: list[ProtectionRule] = field(default_factory=list)
    next_number: int = 1
    pages: Pages | None = None
    merge_settings: dict[str, bool | str] = field(default_factory=lambda: dict(MERGE_SETTINGS))

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def head(self) -> str | None:
        return self.git.refs.get(f"refs/heads/{self.default_branch}")

    def label(self, name: str) -> Label | None:
        return next((x for x in self.labels if x.name.lower() == name.lower()), None)

    def milestone(self, number: int) -> Milestone | None:
        return next((m for m in self.milestones if m.number == number), None)

    def rule_for(self, branch: str) -> ProtectionRule | None:
        return next((r for r in self.rules if r.pattern == branch), None)


@dataclass
class App:
    app_id: int
    slug: str
    public_key_pem: str
    permissions: dict[str, str]
    org: str
    installation_id: int
    node_id: str
    created_at: str
    webhook_url: str | None = None
    webhook_secret: str = ""
    events: list[str] = field(default_factory=list)
    # the installation's repository access: "all", or "selected" (the names in ``selected``);
    # a repository the installation cannot reach reads as 404 to its tokens
    repository_selection: str = "all"
    selected: list[str] = field(default_factory=list)

    def reaches(self, repo_name: str) -> bool:
        return self.repository_selection == "all" or repo_name in self.selected


@dataclass
class Delivery:
    """One webhook delivery (``status_code`` 0 until attempted)."""

    id: int
    guid: str
    event: str
    action: str | None
    payload: str
    delivered_at: str
    app_id: int
    repository_id: int | None = None
    redelivery: bool = False
    status_code: int = 0
    duration: float = 0.0


@dataclass
class Token:
    token: str
    login: str
    kind: str = "user"
    installation_id: int | None = None
    repos: list[str] | None = None
    permissions: dict[str, str] | None = None
    expires_at: float | None = None
    scopes: list[str] | None = None


@dataclass
class State:
    """Everything the sandbox knows; see the module docstring for how tests read it."""

    users: dict[str, User] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    teams: dict[tuple[str, str], Team] = field(default_factory=dict)
    repos: dict[str, Repo] = field(default_factory=dict)
    apps: dict[int, App] = field(default_factory=dict)
    tokens: dict[str, Token] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)
    last_id: int = 1000
    seed: int = 0
    _folded: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def canonical(self, login: str) -> str | None:
        """GitHub's spelling of ``login`` (logins are case-insensitive), or None."""
        if login in self.users:
            return login
        if len(self._folded) != len(self.users):
            self._folded = {name.lower(): name for name in self.users}
        return self._folded.get(login.lower())

    def next_id(self) -> int:
        self.last_id += 1
        return self.last_id

    def node(self, kind: str) -> tuple[int, str]:
        number = self.next_id()
        return number, make_node_id(kind, number)

    def repo(self, owner: str, name: str) -> Repo | None:
        found = self.repos.get(f"{owner}/{name}")
        if found is None:
            found = next(
                (r for k, r in self.repos.items() if k.lower() == f"{owner}/{name}".lower()), None
            )
        return found

    def team(self, org: str, slug: str) -> Team | None:
        return self.teams.get((org, slug))

    def users_by_id(self) -> dict[int, User]:
        return {u.id: u for u in self.users.values()}

    def team_by_id(self, team_id: int) -> Team | None:
        return next((t for t in self.teams.values() if t.id == team_id), None)

    def installation(self, installation_id: int | None) -> App | None:
        """The App installed as ``installation_id``."""
        return next((a for a in self.apps.values() if a.installation_id == installation_id), None)

    def token_reaches(self, token: Token, repo: Repo) -> bool:
        """Whether an installation token may see ``repo``: narrowed when minted, and within
        the installation's repository selection as it is now."""
        if token.repos is not None and repo.name not in token.repos:
            return False
        app = self.installation(token.installation_id)
        return app is None or app.reaches(repo.name)

    def files(self, full_name: str, ref: str | None = None) -> dict[str, bytes]:
        """The files of a repository at HEAD (or at branch ``ref``) as {path: bytes}."""
        repo = self.repos[full_name]
        head = repo.git.refs.get(f"refs/heads/{ref or repo.default_branch}")
        if head is None:
            return {}
        tree = repo.git.commits[head].tree
        return {p: repo.git.blobs[s] for p, s in repo.git.files(tree).items()}

    def find_node(self, node_id: str) -> Any:
        """The object with this GraphQL node ID, or None.

        Users and teams come back as themselves; labels, milestones, protection rules and
        issues as ``(repo, item)``; comments as ``(repo, issue, comment)``.
        """
        kind = node_kind(node_id)
        if kind in ("User", "Bot", "Organization"):
            return next((u for u in self.users.values() if u.node_id == node_id), None)
        if kind == "Team":
            return next((t for t in self.teams.values() if t.node_id == node_id), None)
        for repo in self.repos.values():
            found = _find_in_repo(repo, kind, node_id)
            if found is not None:
                return found
        return None

    def permission(self, login: str, repo: Repo) -> str | None:
        """The highest permission ``login`` has on ``repo`` (pull…admin), or None."""
        org = self.orgs.get(repo.owner)
        if org is not None and login in org.owners:
            return "admin"
        best = repo.collaborators.get(login)
        for team in self.teams.values():
            perm = team.repos.get(repo.full_name)
            if (
                perm
                and login in team.members
                and (best is None or PERMISSION_RANK[perm] > PERMISSION_RANK[best])
            ):
                best = perm
        if best is None and repo.visibility == "public":
            return "pull"
        if best is None and org is not None and org.is_member(login):
            return "pull" if repo.visibility == "internal" else None
        return best


def _find_in_repo(repo: Repo, kind: str, node_id: str) -> Any:
    if kind == "Repository":
        return repo if repo.node_id == node_id else None
    tables: dict[str, list[Any]] = {
        "Label": repo.labels,
        "Milestone": repo.milestones,
        "BranchProtectionRule": repo.rules,
    }
    if kind in tables:
        item = next((x for x in tables[kind] if x.node_id == node_id), None)
        return None if item is None else (repo, item)
    for issue in repo.issues.values():
        if issue.node_id == node_id:
            return repo, issue
        if kind == "IssueComment":
            comment = next((c for c in issue.comments if c.node_id == node_id), None)
            if comment is not None:
                return repo, issue, comment
    return None
