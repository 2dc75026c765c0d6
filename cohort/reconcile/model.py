"""Value types for desired and actual state of the managed part of an organization."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

Permission = Literal["pull", "triage", "push", "maintain", "admin"]
Role = Literal["member", "maintainer"]

STAMP_PATH = ".cohort/template.json"
CODEOWNERS_PATH = ".github/CODEOWNERS"


def blob_sha(content: bytes) -> str:
    """The git blob SHA-1 of ``content``, as ``git hash-object`` computes it."""
    digest = hashlib.sha1(b"blob %d\0" % len(content), usedforsecurity=False)
    digest.update(content)  # not header + content: that would copy every file once more
    return digest.hexdigest()


@dataclass(frozen=True)
class Label:
    name: str
    color: str
    description: str


@dataclass(frozen=True)
class Milestone:
    title: str
    due_on: str  # YYYY-MM-DD, the last day of the phase in the program's time zone
    description: str


@dataclass(frozen=True)
class Issue:
    key: str  # stable identity, also in the hidden marker
    title: str
    body: str  # ends with the hidden marker
    milestone: str  # milestone title
    labels: tuple[str, ...]


@dataclass(frozen=True)
class OnboardingIssue:
    """A mentee's week-one issue, keyed per mentee; assigned once they can be."""

    key: str  # "{cohort}/{team}/onboarding/{login, lower case}", also in the hidden marker
    login: str  # as cohort.yml spells it
    title: str
    body: str  # mentions @login (until assigned, that is how they hear of it); ends with marker
    milestone: str  # milestone title (the design phase's: week one)
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Onboarding:
    """The onboarding issues of one repository (``program.onboarding_issues``)."""

    prefix: str  # key prefix of this team's onboarding issues
    issues: tuple[OnboardingIssue, ...]


@dataclass(frozen=True)
class IssueFacts:
    """What apply needs to know of a marked issue beyond its identity."""

    open: bool
    assignees: frozenset[str]  # lower-case logins


@dataclass(frozen=True)
class Protection:
    pattern: str
    required_approvals: int
    code_owner_review: bool


@dataclass(frozen=True)
class DesiredRepo:
    """One team repository as the cohort wants it."""

    name: str
    team: str  # cohort team slug
    github_team: str  # GitHub team slug that grants access
    visibility: str
    description: str
    topics: tuple[str, ...]
    scaffold: dict[str, bytes]  # written once, in the first commit (stamp included)
    managed_files: dict[str, bytes]  # kept in sync on every run (CODEOWNERS)
    labels: tuple[Label, ...]
    milestones: tuple[Milestone, ...]
    issues: tuple[Issue, ...]
    protection: Protection | None
    collaborators: dict[str, Permission] = field(default_factory=dict)
    # lower-case logins whose direct access cohort manages here (the cohort's mentors when
    # policy.mentor_permission is maintain); other collaborators are left alone
    managed_collaborators: frozenset[str] = frozenset()
    archived: bool = False
    pages: str | None = None  # GitHub Pages build type the scaffold needs ("workflow")
    onboarding: Onboarding | None = None  # None: program.onboarding_issues is off


@dataclass(frozen=True)
class DesiredTeam:
    """A GitHub team and who is in it."""

    slug: str
    name: str
    description: str
    members: dict[str, Role]  # login -> role
    repos: dict[str, Permission]  # repo name -> permission
    cohort_team: str | None  # None for the organizers team


@dataclass(frozen=True)
class DesiredState:
    org: str
    teams: dict[str, DesiredTeam]
    repos: dict[str, DesiredRepo]
    protected_logins: frozenset[str]  # organizers: never removed
    # the cohort's marker: teams named "{cohort}-…", repos also carrying every cohort topic
    prefix: str = ""
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActualTeam:
    slug: str
    node_id: str
    database_id: int
    members: dict[str, Role]
    pending: set[str]
    repos: dict[str, Permission]


@dataclass(frozen=True)
class ActualRepo:
    name: str
    node_id: str
    visibility: str
    description: str
    topics: tuple[str, ...]
    archived: bool
    default_branch: str | None
    head_oid: str | None
    file_oids: dict[str, str | None]  # path -> blob oid (None: absent)
    labels: dict[str, tuple[str, Label]]  # name -> (node id, label)
    milestones: dict[str, tuple[int, str, Milestone]]  # title -> (number, node id, milestone)
    issues: dict[str, tuple[int, str]]  # key -> (number, node id)
    protection: dict[str, tuple[str, Protection]]  # pattern -> (rule id, protection)
    collaborators: dict[str, Permission]
    pending_collaborators: dict[str, Permission] = field(default_factory=dict)  # invitations
    pages: str | None = None  # Pages build type; read only while the repo is not scaffolded
    issue_facts: dict[str, IssueFacts] = field(default_factory=dict)  # key -> state, assignees


@dataclass(frozen=True)
class PendingInvitation:
    """An organization invitation not accepted yet (GitHub cannot edit its teams)."""

    id: int
    login: str
    created_at: str  # ISO 8601, as GitHub sends it
    teams: tuple[str, ...]  # the cohort's GitHub team slugs it carries, sorted


@dataclass(frozen=True)
class ActualState:
    org: str
    viewer: str
    plan: str  # the organization's plan name ("free", "team", ...) or "" if unknown
    teams: dict[str, ActualTeam | None]
    repos: dict[str, ActualRepo | None]
    # lower-case logins of the organization's members; read only when a team is to be created
    org_members: frozenset[str] = frozenset()
    # pending organization invitations that carry a cohort team, by lower-case login
    invitations: dict[str, PendingInvitation] = field(default_factory=dict)
    # teams with the cohort's prefix that cohort.yml no longer lists, and their marked repos
    retired: dict[str, ActualTeam] = field(default_factory=dict)
    retired_repos: dict[str, ActualRepo] = field(default_factory=dict)
