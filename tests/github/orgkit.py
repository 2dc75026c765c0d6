"""A sandbox organization for a cohort, the real client on top, and snapshots of its state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cohort.clock import SimulatedClock
from cohort.config.model import CohortFile
from cohort.github.client import Client
from cohort.github.connect import seed_sandbox
from cohort.reconcile.model import DesiredState
from cohort.sandbox import Sandbox, SandboxTransport


@dataclass
class Org:
    box: Sandbox
    client: Client
    clock: SimulatedClock
    cohort: CohortFile
    desired: DesiredState

    def writes(self) -> int:
        return int(self.box.counters()["writes"])

    def requests(self) -> int:
        return int(self.box.counters()["requests"])

    def fresh_client(self) -> Client:
        """A new client (as a new process would have) on the same sandbox."""
        return Client(
            self.box.issue_token(self.cohort.organizers[0]),
            transport=SandboxTransport(self.box),
            clock=self.clock,
        )


def make_org(cohort: CohortFile, desired: DesiredState) -> Org:
    clock = SimulatedClock()
    box = Sandbox(clock=clock)
    seed_sandbox(box, cohort)
    client = Client(
        box.issue_token(cohort.organizers[0]), transport=SandboxTransport(box), clock=clock
    )
    return Org(box, client, clock, cohort, desired)


def snapshot(box: Sandbox, org: str) -> dict[str, Any]:
    """Everything cohort manages, in a comparable form (duplicates show up as lists)."""
    state = box.state
    teams = {
        slug: {
            "members": dict(sorted(t.members.items())),
            "pending": dict(sorted(t.pending.items())),
            "repos": dict(sorted(t.repos.items())),
        }
        for (o, slug), t in sorted(state.teams.items())
        if o == org
    }
    repos = {}
    for full, repo in sorted(state.repos.items()):
        if full.startswith(org + "/"):
            repos[full] = _repo(state, full, repo)
    return {"teams": teams, "repos": repos}


def _repo(state: Any, full: str, repo: Any) -> dict[str, Any]:
    labels_by_id = {lb.id: lb.name for lb in repo.labels}
    milestones = {m.number: m.title for m in repo.milestones}
    return {
        "files": dict(sorted(state.files(full).items())),
        "labels": sorted((lb.name, lb.color, lb.description) for lb in repo.labels),
        "milestones": sorted(
            (m.title, (m.due_on or "")[:10], m.description) for m in repo.milestones
        ),
        "issues": sorted(
            (
                i.title,
                i.body,
                milestones.get(i.milestone),
                tuple(sorted(labels_by_id[x] for x in i.label_ids)),
            )
            for i in repo.issues.values()
            if i.pull is None
        ),
        "rules": sorted(
            (
                r.pattern,
                r.requires_approving_reviews,
                r.required_approving_review_count,
                r.requires_code_owner_reviews,
            )
            for r in repo.rules
        ),
        "collaborators": dict(sorted(repo.collaborators.items())),
        "description": repo.description,
        "visibility": repo.visibility,
        "topics": sorted(repo.topics),
        "archived": repo.archived,
    }
