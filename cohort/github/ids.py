"""Node IDs known during an apply: from the actual state and from what this run created."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from cohort.errors import GitHubError
from cohort.github.mutations import Mutation
from cohort.github.ports import GraphQLPort
from cohort.reconcile.model import ActualState


@dataclass
class Ids:
    teams: dict[str, tuple[str, int]] = field(default_factory=dict)  # slug -> (node id, id)
    repos: dict[str, str] = field(default_factory=dict)  # name -> node id
    heads: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (branch, oid)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # (repo, lower name) -> id
    milestones: dict[tuple[str, str], str] = field(default_factory=dict)  # (repo, title) -> id
    # (repo, title) -> number, for REST writes that name a milestone (onboarding issues)
    milestone_numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def from_actual(cls, actual: ActualState) -> Ids:
        ids = cls()
        for slug, team in actual.teams.items():
            if team:
                ids.teams[slug] = (team.node_id, team.database_id)
        for name, repo in actual.repos.items():
            if not repo:
                continue
            ids.repos[name] = repo.node_id
            if repo.head_oid and repo.default_branch:
                ids.heads[name] = (repo.default_branch, repo.head_oid)
            for label_name, (label_id, _) in repo.labels.items():
                ids.labels[(name, label_name.lower())] = label_id
            for title, (number, node_id, _) in repo.milestones.items():
                ids.milestones[(name, title)] = node_id
                ids.milestone_numbers[(name, title)] = number
        return ids

    def refresh_heads(self, client: GraphQLPort, org: str, names: list[str]) -> None:
        """One read for the node id and head commit of repositories created this run."""
        for start in range(0, len(names), 50):
            part = names[start : start + 50]
            query = (
                "query { "
                + " ".join(
                    f"r{i}: repository(owner: {json.dumps(org)}, name: {json.dumps(n)}) "
                    "{ id defaultBranchRef { name target { oid } } }"
                    for i, n in enumerate(part)
                )
                + " }"
            )
            result = client.graphql(query)
            for i, name in enumerate(part):
                node = result.data.get(f"r{i}")
                branch = (node or {}).get("defaultBranchRef")
                if not node or not branch:
                    raise GitHubError(f"repository '{name}' has no default branch after creation")
                self.repos[name] = node["id"]
                self.heads[name] = (branch["name"], branch["target"]["oid"])

    def record(self, mutation: Mutation, data: dict[str, Any]) -> None:
        """Remember IDs a mutation returned (labels, for the issues that follow)."""
        if mutation.name == "createLabel" and data.get("label"):
            repo = mutation.repo
            label = data["label"]
            self.labels[(repo, str(label["name"]).lower())] = str(label["id"])
