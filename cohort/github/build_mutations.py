"""Turn planned changes into GraphQL mutations, resolving IDs known at apply time."""

from __future__ import annotations

from collections import defaultdict
from typing import cast

from cohort.errors import GitHubError
from cohort.github import mutations as mut
from cohort.github.ids import Ids
from cohort.reconcile.model import DesiredState, Permission
from cohort.reconcile.plan import Change


def build(changes: list[Change], desired: DesiredState, ids: Ids) -> list[mut.Mutation]:
    """Mutations for ``changes`` in order; team grants on one repo share a mutation."""
    out: list[mut.Mutation] = []
    grants: dict[tuple[str, Permission], list[Change]] = defaultdict(list)
    for c in changes:
        if c.kind == "team-repo":
            permission = cast(Permission, c.data["permission"])
            grants[(str(c.data["repo"]), permission)].append(c)
            continue
        m = _one(c, desired, ids)
        m.tags, m.repo = (c,), c.repo or ""
        out.append(m)
    for (repo, permission), group in grants.items():
        team_ids = [_team_id(ids, str(c.data["team"])) for c in group]
        m = mut.team_access(_repo_id(ids, repo), team_ids, permission)
        m.tags, m.repo = tuple(group), repo
        out.append(m)
    return out


def _one(c: Change, desired: DesiredState, ids: Ids) -> mut.Mutation:
    builders = {
        "topics": _topics,
        "files": _files,
        "label": _label,
        "protection": _protection,
        "issue": _issue,
    }
    if c.kind not in builders:
        raise AssertionError(f"no mutation for {c.kind}")
    return builders[c.kind](c, desired, ids)


def _names(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple | dict) else []


def _topics(c: Change, desired: DesiredState, ids: Ids) -> mut.Mutation:
    return mut.topics(_repo_id(ids, str(c.repo)), _names(c.data["topics"]))


def _files(c: Change, desired: DesiredState, ids: Ids) -> mut.Mutation:
    repo = str(c.repo)
    want = desired.repos[repo]
    source = {**want.scaffold, **want.managed_files}
    files = {p: source[p] for p in _names(c.data["files"])}
    branch, head = _head(ids, repo)
    headline = (
        "Scaffold the team repository"
        if c.action == "create"
        else "Update code owners from cohort.yml"
    )
    return mut.commit_files(f"{desired.org}/{repo}", branch, head, files, headline)


def _label(c: Change, desired: DesiredState, ids: Ids) -> mut.Mutation:
    color, description = str(c.data["color"]), str(c.data["description"])
    if c.action == "update":
        return mut.update_label(str(c.data["id"]), color, description)
    return mut.create_label(_repo_id(ids, str(c.repo)), str(c.data["name"]), color, description)


def _protection(c: Change, desired: DesiredState, ids: Ids) -> mut.Mutation:
    return mut.protection(
        _repo_id(ids, str(c.repo)),
        _opt(c.data.get("id")),
        str(c.data["pattern"]),
        int(str(c.data["approvals"])),
        bool(c.data["code_owner_review"]),
    )


def _issue(c: Change, desired: DesiredState, ids: Ids) -> mut.Mutation:
    repo = str(c.repo)
    keys = [(repo, name.lower()) for name in _names(c.data["labels"])]
    labels = [ids.labels[k] for k in keys if k in ids.labels]
    milestone = ids.milestones.get((repo, str(c.data["milestone"])))
    return mut.create_issue(
        _repo_id(ids, repo), str(c.data["title"]), str(c.data["body"]), labels, milestone
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _repo_id(ids: Ids, repo: str) -> str:
    if repo not in ids.repos:
        raise GitHubError(f"repository '{repo}' is not known yet; re-run to continue")
    return ids.repos[repo]


def _team_id(ids: Ids, slug: str) -> str:
    if slug not in ids.teams:
        raise GitHubError(f"team '{slug}' is not known yet; re-run to continue")
    return ids.teams[slug][0]


def _head(ids: Ids, repo: str) -> tuple[str, str]:
    if repo not in ids.heads:
        raise GitHubError(f"repository '{repo}' has no commit yet; re-run to continue")
    return ids.heads[repo]
