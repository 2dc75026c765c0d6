"""Build GraphQL mutation documents that carry many mutations at once (pure)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from cohort.github.queries import TO_GRAPHQL
from cohort.reconcile.model import Permission

# Bounds on one mutation document. GitHub documents no byte limit for a GraphQL request, but
# a document must parse, run within its 10 s timeout and stay under the secondary limit of
# 2,000 points a minute (a mutation costs 5). 512 KB holds about a dozen full scaffold
# commits (a 30-file scaffold is ≈ 35 KB as base64) and is a quarter of the 2 MB documents
# seen to fail; 40 mutations cost 200 points, a tenth of a minute's allowance. A document
# GitHub still refuses as too big, before running any of it, is split in half and resent.
MAX_MUTATIONS = 40
MAX_BYTES = 512 * 1024
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

    @property
    def input_type(self) -> str:
        """GitHub names every mutation's input type after it: createLabel → CreateLabelInput."""
        return self.name[0].upper() + self.name[1:] + "Input"

    def field(self, alias: str, variable: str) -> str:
        return f"{alias}: {self.name}(input: ${variable}) {{ {self.selection} }}"

    def size(self) -> int:
        """Bytes this mutation adds to a request: its field, declaration and JSON input."""
        text = len(self.field("m000", "v000")) + len(self.input_type) + 10
        return text + len(json.dumps(_plain(self.input)).encode())


@dataclass
class Document:
    """Mutations sent in one request: the inputs travel as variables, so the text is small
    and repeats (the same shape of document is parsed once by a caching server)."""

    mutations: list[Mutation] = field(default_factory=list)

    def text(self) -> str:
        declared = ", ".join(f"$v{i}: {m.input_type}!" for i, m in enumerate(self.mutations))
        fields = " ".join(m.field(f"m{i}", f"v{i}") for i, m in enumerate(self.mutations))
        return f"mutation({declared}) {{ {fields} }}"

    def variables(self) -> dict[str, Any]:
        return {f"v{i}": _plain(m.input) for i, m in enumerate(self.mutations)}

    def size(self) -> int:
        """Bytes of the request body (document and variables), as sent."""
        body = {"query": self.text(), "variables": self.variables()}
        return len(json.dumps(body).encode())

    def halves(self) -> tuple[Document, Document]:
        half = len(self.mutations) // 2
        return Document(self.mutations[:half]), Document(self.mutations[half:])


def chunk(mutations: list[Mutation]) -> list[Document]:
    """Split mutations into documents under the size, count and content caps, keeping order."""
    docs: list[Document] = []
    current = Document()
    size = 0
    for m in mutations:
        adds = m.size()
        content = sum(1 for x in current.mutations if x.content) + (1 if m.content else 0)
        if current.mutations and (
            len(current.mutations) >= MAX_MUTATIONS
            or size + adds > MAX_BYTES
            or content > MAX_CONTENT
        ):
            docs.append(current)
            current, size = Document(), 0
        current.mutations.append(m)
        size += adds
    if current.mutations:
        docs.append(current)
    return docs


def _plain(value: Any) -> Any:
    """A variable value as JSON: enum values by name."""
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


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
