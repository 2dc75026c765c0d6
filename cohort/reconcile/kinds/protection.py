"""protection: the default branch's protection rule (reviews, code owners)."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualRepo, ActualState, DesiredRepo, DesiredState
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, register


@dataclass(frozen=True)
class ProtectionPayload(Payload):
    repo: str
    pattern: str
    approvals: int
    code_owner_review: bool
    id: str | None = None  # the rule to update (update only)


def diff_protection(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    rule = want.protection
    if rule is None:
        return []
    found = (have.protection if have else {}).get(rule.pattern)
    if found is not None and found[1] == rule:
        return []
    payload = ProtectionPayload(
        repo=want.name,
        pattern=rule.pattern,
        approvals=rule.required_approvals,
        code_owner_review=rule.code_owner_review,
        id=None if found is None else found[0],
    )
    details: tuple[tuple[str, str], ...]
    if found is None:
        details = (("approvals", str(rule.required_approvals)),)
    else:
        details = (
            ("approvals", f"{found[1].required_approvals} → {rule.required_approvals}"),
            ("code owners", f"{found[1].code_owner_review} → {rule.code_owner_review}"),
        )
    return [
        Change(
            kind="protection",
            action="create" if found is None else "update",
            repo=want.name,
            team=want.team,
            target=rule.pattern,
            details=details,
            payload=payload,
        )
    ]


def diff_protections(desired: DesiredState, actual: ActualState) -> list[Change]:
    """Free organizations cannot protect private repositories (GitHub answers 403): skip them."""
    out: list[Change] = []
    for name, repo in desired.repos.items():
        if repo.visibility == "public" or actual.plan != "free":
            out += diff_protection(repo, actual.repos.get(name))
    return out


KIND = register(KindSpec("protection", 70, ProtectionPayload, diff_protections))
