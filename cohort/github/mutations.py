"""Build GraphQL mutation documents that carry many mutations at once (pure)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from cohort.github.queries import TO_GRAPHQL
from cohort.reconcile.model import Permission

MAX_MUTATIONS = 40
MAX_BYTES = 2_000_000
MAX_CONTENT = 20  # content-creating mutations per document (issues), well under 80 a minute


@dataclass
class Mutation:
    """One mutation field: its GraphQL name, input, selection, and what it stands for."""

    name: str
    input: dict[str, Any]
    selection: str
    tags: tuple[object, ...] = ()  # the planned changes it applies
    content: bool = False
    repo: str = ""  # the repository it concerns, to file returned IDs

    def render(self, alias: str) -> str:
        return f"{alias}: {self.name}(input: {_literal(self.input)}) {{ {self.selection} }}"


@dataclass
class Document:
    mutations: list[Mutation] = field(default_factory=list)

    def text(self) -> str:
        return (
            "mutation { " + " ".join(m.render(f"m{i}") for i, m in enumerate(self.mutations)) + " }"
        )


def chunk(mutations: list[Mutation]) -> list[Document]:
    """Split mutations into documents under the size, count and content caps, keeping order."""
    docs: list[Document] = []
    current = Document()
    size = 0
    for m in mutations:
        text = len(m.render("m000"))
        content = sum(1 for x in current.mutations if x.content) + (1 if m.content else 0)
        if current.mutations and (
            len(current.mutations) >= MAX_MUTATIONS
            or size + text > MAX_BYTES
            or content > MAX_CONTENT
        ):
            docs.append(current)
            current, size = Document(), 0
        current.mutations.append(m)
        size += text
    if current.mutations:
        docs.append(current)
    return docs


def _literal(value: Any) -> str:
    """A GraphQL input literal; enum values are passed as ``Enum`` instances."""
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return json.dumps(value)


@dataclass(frozen=True)
class Enum:
    name: str


def commit_files(
    repo_with_owner: str, branch: str, head: str, files: dict[str, bytes], headline: str
) -> Mutation:
    additions = [
        {"path": p, "contents": base64.b64encode(c).decode()} for p, c in sorted(files.items())
    ]
    return Mutation(
        "createCommitOnBranch",
        {
            "branch": {"repositoryNameWithOwner": repo_with_owner, "branchName": branch},
            "message": {"headline": headline},
            "expectedHeadOid": head,
            "fileChanges": {"additions": additions},
        },
        "commit { oid }",
    )


def create_label(repo_id: str, name: str, color: str, description: str) -> Mutation:
    return Mutation(
        "createLabel",
        {"repositoryId": repo_id, "name": name, "color": color, "description": description},
        "label { id name }",
    )


def update_label(label_id: str, color: str, description: str) -> Mutation:
    return Mutation(
        "updateLabel",
        {"id": label_id, "color": color, "description": description},
        "label { id name }",
    )


def protection(
    repo_id: str | None, rule_id: str | None, pattern: str, approvals: int, code_owner_review: bool
) -> Mutation:
    fields = {
        "requiresApprovingReviews": approvals > 0 or code_owner_review,
        "requiredApprovingReviewCount": approvals,
        "requiresCodeOwnerReviews": code_owner_review,
    }
    if rule_id:
        return Mutation(
            "updateBranchProtectionRule",
            {"branchProtectionRuleId": rule_id, "pattern": pattern, **fields},
            "branchProtectionRule { id }",
        )
    return Mutation(
        "createBranchProtectionRule",
        {"repositoryId": repo_id, "pattern": pattern, **fields},
        "branchProtectionRule { id }",
    )


def team_access(repo_id: str, team_ids: list[str], permission: Permission) -> Mutation:
    return Mutation(
        "updateTeamsRepository",
        {"repositoryId": repo_id, "teamIds": team_ids, "permission": Enum(TO_GRAPHQL[permission])},
        "teams { slug }",
    )


def topics(repo_id: str, names: list[str]) -> Mutation:
    return Mutation(
        "updateTopics", {"repositoryId": repo_id, "topicNames": names}, "invalidTopicNames"
    )


def create_issue(
    repo_id: str, title: str, body: str, label_ids: list[str], milestone_id: str | None
) -> Mutation:
    data: dict[str, Any] = {
        "repositoryId": repo_id,
        "title": title,
        "body": body,
        "labelIds": label_ids,
    }
    if milestone_id:
        data["milestoneId"] = milestone_id
    return Mutation("createIssue", data, "issue { id number }", content=True)
