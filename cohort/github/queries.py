"""GraphQL documents for batched reads of teams and repositories, and their parsers (pure)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cohort.config.naming import MARKER_PREFIX
from cohort.github.paging import Connection, Owner, fields
from cohort.reconcile.model import (
    ActualRepo,
    ActualTeam,
    IssueFacts,
    Label,
    Milestone,
    Permission,
    Protection,
    Role,
)

PERMISSIONS: dict[str, Permission] = {
    "ADMIN": "admin",
    "MAINTAIN": "maintain",
    "WRITE": "push",
    "TRIAGE": "triage",
    "READ": "pull",
}
TO_GRAPHQL = {v: k for k, v in PERMISSIONS.items()}

TEAM_CONNECTIONS = (
    Connection("members", "edges { role node { login } }", "membership: IMMEDIATE"),
    Connection("invitations", "nodes { invitee { login } }"),
    Connection("repositories", "edges { permission node { name } }"),
)
REPO_CONNECTIONS = (
    Connection("repositoryTopics", "nodes { topic { name } }"),
    Connection("labels", "nodes { id name color description }"),
    Connection(
        "milestones",
        "nodes { id number title description dueOn }",
        "states: [OPEN, CLOSED]",
    ),
    Connection(
        "issues",
        "nodes { id number body state assignees(first: 10) { nodes { login } } }",
        "orderBy: {field: CREATED_AT, direction: ASC}",
    ),
    Connection(
        "branchProtectionRules",
        "nodes { id pattern requiresApprovingReviews requiredApprovingReviewCount "
        "requiresCodeOwnerReviews }",
    ),
    Connection("collaborators", "edges { permission node { login } }", "affiliation: DIRECT"),
)
ORG_MEMBERS = Connection("membersWithRole", "edges { node { login } }")
_TEAM_FIELDS = "id databaseId slug " + fields(TEAM_CONNECTIONS)
_REPO_FIELDS = (
    "id name visibility description isArchived defaultBranchRef { name target { oid } } "
    + fields(REPO_CONNECTIONS)
)


def team_owner(org: str, slug: str) -> Owner:
    return (("organization", f"login: {json.dumps(org)}"), ("team", f"slug: {json.dumps(slug)}"))


def org_owner(org: str) -> Owner:
    return (("organization", f"login: {json.dumps(org)}"),)


def repo_owner(org: str, name: str) -> Owner:
    return (("repository", f"owner: {json.dumps(org)}, name: {json.dumps(name)}"),)


def teams_query(org: str, slugs: Sequence[str], extra: str = "", prefix: str = "") -> str:
    """viewer, and the named teams of ``org`` (first pages), plus ``extra`` root fields (and,
    with ``prefix``, the slugs of the org's teams whose names match it: removed teams)."""
    parts = [f"t{i}: team(slug: {json.dumps(s)}) {{ {_TEAM_FIELDS} }}" for i, s in enumerate(slugs)]
    if prefix:
        parts.append(
            f"named: teams(first: 100, query: {json.dumps(prefix)}) {{ nodes {{ slug }} }}"
        )
    return (
        f"query {{ viewer {{ login }} organization(login: {json.dumps(org)}) {{ id "
        + " ".join(parts)
        + f" }} {extra} }}"
    )


def repos_query(org: str, repos: Sequence[tuple[str, Sequence[str]]], extra: str = "") -> str:
    """Repositories by name (first pages), each with blob oids of the given paths at HEAD."""
    parts = []
    for i, (name, paths) in enumerate(repos):
        files = " ".join(
            f"f{j}: object(expression: {json.dumps('HEAD:' + p)}) {{ ... on Blob {{ oid }} }}"
            for j, p in enumerate(paths)
        )
        parts.append(
            f"r{i}: repository(owner: {json.dumps(org)}, name: {json.dumps(name)}) "
            f"{{ {_REPO_FIELDS} {files} }}"
        )
    return "query { " + " ".join(parts) + f" {extra} }}"


def parse_team(slug: str, node: dict[str, Any] | None) -> ActualTeam | None:
    if not node:
        return None
    members: dict[str, Role] = {
        e["node"]["login"]: ("maintainer" if e["role"] == "MAINTAINER" else "member")
        for e in node["members"]["edges"]
    }
    pending = {n["invitee"]["login"] for n in node["invitations"]["nodes"] if n.get("invitee")}
    repos = {e["node"]["name"]: PERMISSIONS[e["permission"]] for e in node["repositories"]["edges"]}
    return ActualTeam(slug, node["id"], int(node["databaseId"]), members, pending, repos)


def parse_logins(page: dict[str, Any]) -> frozenset[str]:
    """Lower-case logins of a paged connection of users (edges or nodes)."""
    nodes = [e["node"] for e in page.get("edges") or []] + list(page.get("nodes") or [])
    return frozenset(str(n["login"]).lower() for n in nodes if n and n.get("login"))


def parse_repo(name: str, paths: Sequence[str], node: dict[str, Any] | None) -> ActualRepo | None:
    if not node:
        return None
    branch = node.get("defaultBranchRef") or {}
    return ActualRepo(
        name=name,
        node_id=node["id"],
        visibility=str(node["visibility"]).lower(),
        description=node.get("description") or "",
        topics=tuple(n["topic"]["name"] for n in node["repositoryTopics"]["nodes"]),
        archived=bool(node["isArchived"]),
        default_branch=branch.get("name"),
        head_oid=(branch.get("target") or {}).get("oid"),
        file_oids={p: (node.get(f"f{j}") or {}).get("oid") for j, p in enumerate(paths)},
        labels=_labels(node["labels"]["nodes"]),
        milestones=_milestones(node["milestones"]["nodes"]),
        issues=_marked_issues(node["issues"]["nodes"]),
        issue_facts=_issue_facts(node["issues"]["nodes"]),
        protection=_rules(node["branchProtectionRules"]["nodes"]),
        collaborators={
            e["node"]["login"]: PERMISSIONS[e["permission"]]
            for e in (node.get("collaborators") or {"edges": []})["edges"]
        },
    )


def _labels(nodes: list[dict[str, Any]]) -> dict[str, tuple[str, Label]]:
    return {
        n["name"]: (n["id"], Label(n["name"], n["color"], n.get("description") or ""))
        for n in nodes
    }


def _milestones(nodes: list[dict[str, Any]]) -> dict[str, tuple[int, str, Milestone]]:
    return {
        n["title"]: (
            int(n["number"]),
            n["id"],
            Milestone(n["title"], _date(n.get("dueOn")), n.get("description") or ""),
        )
        for n in nodes
    }


def _rules(nodes: list[dict[str, Any]]) -> dict[str, tuple[str, Protection]]:
    """Branch protection rules by pattern; approvals count only when they are required."""
    out = {}
    for n in nodes:
        approvals = (
            int(n["requiredApprovingReviewCount"] or 0) if n["requiresApprovingReviews"] else 0
        )
        out[n["pattern"]] = (
            n["id"],
            Protection(n["pattern"], approvals, bool(n["requiresCodeOwnerReviews"])),
        )
    return out


def _date(value: str | None) -> str:
    return value[:10] if value else ""


def _issue_key(node: dict[str, Any]) -> str | None:
    body = node.get("body") or ""
    start = body.rfind(MARKER_PREFIX + "issue ")
    if start < 0:
        return None
    end = body.find(" -->", start)
    return body[start + len(MARKER_PREFIX + "issue ") : end]


def _marked_issues(nodes: list[dict[str, Any]]) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for n in nodes:
        key = _issue_key(n)
        if key is not None:
            out.setdefault(key, (int(n["number"]), n["id"]))
    return out


def _issue_facts(nodes: list[dict[str, Any]]) -> dict[str, IssueFacts]:
    """Open or closed, and who is assigned, of each marked issue (the first with its key)."""
    out: dict[str, IssueFacts] = {}
    for n in nodes:
        key = _issue_key(n)
        if key is None or key in out:
            continue
        people = (n.get("assignees") or {}).get("nodes") or []
        logins = frozenset(str(p["login"]).lower() for p in people if p and p.get("login"))
        out[key] = IssueFacts(open=n.get("state", "OPEN") == "OPEN", assignees=logins)
    return out
