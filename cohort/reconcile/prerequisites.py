"""What a token must be allowed to do for a plan, and what it lacks (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cohort.errors import CohortError, ExitCode
from cohort.reconcile.plan import Change, Plan

WORKFLOWS = ".github/workflows/"
ORG_KINDS = frozenset({"team", "team-member", "invitation", "team-repo"})
REPO_KINDS = frozenset(
    {"repo", "topics", "milestone", "files", "label", "protection", "issue", "collaborator",
     "archive", "pages"}
)  # fmt: skip


@dataclass(frozen=True)
class Need:
    """One thing the token must allow: as a classic scope and as an App permission."""

    scopes: tuple[str, ...]  # any one of these classic scopes will do
    permission: str  # the App / fine-grained permission, e.g. "workflows: write"
    why: str


REPO = Need(("repo", "public_repo"), "administration, contents, issues: write", "team repos")
ORG = Need(("admin:org", "write:org"), "members: write", "teams, memberships and invitations")
WORKFLOW = Need(("workflow",), "workflows: write", f"files under {WORKFLOWS}")


class MissingPrerequisiteError(CohortError):
    """The token cannot do what the plan needs; nothing was written."""

    exit_code = ExitCode.RUNTIME


def needs(plan: Plan) -> list[Need]:
    """What the plan's changes need, in a stable order."""
    kinds = {c.kind for c in plan.changes}
    out = []
    if kinds & REPO_KINDS:
        out.append(REPO)
    if kinds & ORG_KINDS:
        out.append(ORG)
    if any(_writes_workflows(c) for c in plan.changes):
        out.append(WORKFLOW)
    return out


def _writes_workflows(change: Change) -> bool:
    files = change.payload.as_data().get("files") if change.kind == "files" else None
    return isinstance(files, dict) and any(str(p).startswith(WORKFLOWS) for p in files)


def missing_scopes(wanted: Iterable[Need], scopes: frozenset[str]) -> list[Need]:
    """Needs no scope of the classic token covers (``repo`` covers ``public_repo``)."""
    have = set(scopes) | ({"public_repo"} if "repo" in scopes else set())
    have |= {"write:org"} if "admin:org" in scopes else set()
    return [n for n in wanted if not have & set(n.scopes)]


def refuse_classic(missing: list[Need]) -> MissingPrerequisiteError:
    names = ", ".join(f"'{n.scopes[0]}' (for {n.why})" for n in missing)
    return MissingPrerequisiteError(
        f"the token lacks the scope {names}; nothing was written. Grant it at "
        "https://github.com/settings/tokens (edit the token, tick the scope), or use the "
        "apply App (docs/reference/app.md#apply-app-permissions)"
    )


def fine_grained_note(wanted: Iterable[Need]) -> str:
    listed = "; ".join(f"{n.permission} (for {n.why})" for n in wanted)
    return (
        "a fine-grained personal token cannot be inspected: check by hand that it has "
        f"{listed} on the organization's repositories"
    )
