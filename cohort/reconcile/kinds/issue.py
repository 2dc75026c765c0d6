"""issue: milestone issues, created once; their checklists then belong to the team."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualRepo, DesiredRepo
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, per_repo, register


@dataclass(frozen=True)
class IssuePayload(Payload):
    repo: str
    key: str
    title: str
    body: str
    milestone: str  # milestone title
    labels: tuple[str, ...]


def diff_issues(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    current = have.issues if have else {}
    return [
        Change(
            kind="issue",
            action="create",
            repo=want.name,
            team=want.team,
            target=issue.title,
            details=(("milestone", issue.milestone),),
            payload=IssuePayload(
                repo=want.name,
                key=issue.key,
                title=issue.title,
                body=issue.body,
                milestone=issue.milestone,
                labels=tuple(issue.labels),
            ),
        )
        for issue in want.issues
        if issue.key not in current
    ]


KIND = register(KindSpec("issue", 90, IssuePayload, per_repo(diff_issues)))
