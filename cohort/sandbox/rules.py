"""GitHub's write rules: workflow files, protected branches, merges and code owners.

Sources, beside each rule:
- Workflow files: a classic/OAuth token needs the ``workflow`` scope and an App the
  ``workflows`` permission to create, update or delete files under ``.github/workflows/``
  (docs: "Scopes for OAuth apps", "Permissions required for GitHub Apps"). Through the REST
  contents and git data APIs GitHub answers 404 Not Found (octokit/octokit.rb#1184,
  octokit/rest.js#368); on a push, GitHub's message is the one ``workflow_message`` builds.
- Protected branches (docs: "About protected branches"): with required reviews or required
  status checks a branch changes only by merging a pull request; admins bypass unless
  ``enforce_admins``. A merge needs the approving reviews, the code owners' review and every
  required status check (the sandbox has no commit statuses, so a required check is never met).
- Code owners (docs: "About code owners"): the first of ``.github/CODEOWNERS``,
  ``CODEOWNERS``, ``docs/CODEOWNERS`` on the base branch; the last matching pattern wins; a line
  with invalid syntax is skipped; owners need write access; they are requested automatically
  when a pull request is opened non-draft or marked ready for review.
- Assignees (docs: "Assigning issues and pull requests to other GitHub users"): anyone with
  write access to the repository, and organization members with read access to it; a person
  whose invitation is still pending has neither. The REST API answers ``POST …/issues`` and
  ``PATCH …/issues/{n}`` naming someone else with 422 Validation Failed,
  ``{"resource": "Issue", "field": "assignees", "code": "invalid", "value": login}`` (as
  GitHub answers, e.g. microsoft/vscode-pull-request-github#1868, "Value notauser cannot be
  set for field assignees (code: invalid)"), while ``POST …/issues/{n}/assignees`` answers
  201 and leaves them out of the issue's assignees (REST docs, "Add assignees to an issue"
  and "Check if a user can be assigned", which answers 404 for them).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cohort.sandbox.state import PERMISSION_RANK, Issue, ProtectionRule, Repo, State

if TYPE_CHECKING:
    from cohort.sandbox.auth import Principal

WORKFLOWS = ".github/workflows/"
CODEOWNERS_PATHS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
_OWNER = re.compile(r"^@[A-Za-z0-9-]+(/[A-Za-z0-9._-]+)?$|^[^@\s]+@[^@\s]+\.[^@\s]+$")


def workflow_message(who: Principal, path: str) -> str | None:
    """Why ``who`` may not write ``path`` (None when it may)."""
    if not path.lstrip("/").startswith(WORKFLOWS) or who.token is None:
        return None
    token = who.token
    if who.kind == "installation":
        if (token.permissions or {}).get("workflows") == "write":
            return None
        return (
            f"refusing to allow a GitHub App to create or update workflow `{path}` "
            "without `workflows` permission"
        )
    if token.scopes is None or "workflow" in token.scopes:
        return None
    return (
        f"refusing to allow a Personal Access Token to create or update workflow `{path}` "
        "without `workflow` scope"
    )


def refused_workflow(who: Principal, paths: list[str]) -> str | None:
    return next((m for p in paths if (m := workflow_message(who, p)) is not None), None)


def _bypasses(state: State, who: Principal, repo: Repo, rule: ProtectionRule) -> bool:
    if rule.enforce_admins or who.kind != "user":
        return False
    return state.permission(who.login, repo) == "admin"


def gated(rule: ProtectionRule | None) -> bool:
    """Whether a branch under ``rule`` changes only through pull requests."""
    return rule is not None and (rule.requires_approving_reviews or rule.status_checks is not None)


def direct_push_refused(state: State, who: Principal, repo: Repo, branch: str) -> bool:
    """Whether GitHub refuses ``who`` writing straight to ``branch``."""
    rule = repo.rule_for(branch)
    return rule is not None and gated(rule) and not _bypasses(state, who, repo, rule)


def merge_refusal(state: State, who: Principal, repo: Repo, item: Issue) -> str | None:
    """GitHub's message when the pull request's base protection is not met (None: mergeable)."""
    pr = item.pull
    assert pr is not None
    rule = repo.rule_for(pr.base)
    if rule is None or _bypasses(state, who, repo, rule):
        return None
    approvals = _approvers(state, repo, item)
    if rule.requires_approving_reviews and len(approvals) < rule.required_approving_review_count:
        n = rule.required_approving_review_count
        noun = "review is" if n == 1 else "reviews are"
        return f"At least {n} approving {noun} required by reviewers with write access."
    if rule.requires_code_owner_reviews:
        owners = owners_of(state, repo, pr.base, changed_paths(repo, item))
        if owners and not owners & {a.lower() for a in approvals}:
            return "Waiting on code owner review from " + ", ".join(sorted(owners)) + "."
    if rule.status_checks:
        return f'Required status check "{rule.status_checks[0]}" is expected.'
    return None


def _approvers(state: State, repo: Repo, item: Issue) -> set[str]:
    """People with write access whose latest review approves."""
    assert item.pull is not None
    latest: dict[str, str] = {}
    for review in item.pull.reviews:
        if review.state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            latest[review.user] = review.state
    return {
        u
        for u, s in latest.items()
        if s == "APPROVED" and PERMISSION_RANK.get(state.permission(u, repo) or "", 0) >= 3
    }


def changed_paths(repo: Repo, item: Issue) -> list[str]:
    assert item.pull is not None
    old = repo.git.files(repo.git.commits[item.pull.base_sha].tree)
    new = repo.git.files(repo.git.commits[item.pull.head_sha].tree)
    return sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))


def parse_codeowners(text: str) -> list[tuple[str, list[str]]]:
    """(pattern, owners) per valid line, in file order; invalid lines are skipped."""
    rules = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        if pattern.startswith("!") or "[" in pattern or pattern.startswith("\\#"):
            continue  # gitignore features CODEOWNERS does not support: the line is invalid
        if not all(_OWNER.match(o) for o in owners):
            continue
        rules.append((pattern, owners))
    return rules


def _regex(pattern: str) -> re.Pattern[str]:
    """A CODEOWNERS pattern as a regular expression over a repository path."""
    anchored = pattern.startswith("/") or "/" in pattern.strip("/")
    body = pattern.strip("/")
    out, i = "", 0
    while i < len(body):
        if body.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif body.startswith("**", i):
            out, i = out + ".*", i + 2
        elif body[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif body[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(body[i]), i + 1
    if pattern.endswith("/"):
        suffix = "/.*"  # a directory: everything below it
    elif body.endswith("*"):
        suffix = ""  # ``docs/*`` owns docs/a.md but not docs/sub/b.md
    else:
        suffix = "(?:/.*)?"  # a file, or a directory and everything below it
    return re.compile(("" if anchored else "(?:.*/)?") + out + suffix + "$")


def _matches(pattern: str, path: str) -> bool:
    return _regex(pattern).match(path) is not None


def owners_of(state: State, repo: Repo, ref: str, paths: list[str]) -> set[str]:
    """Canonical, lower-cased user logins owning ``paths`` (last match wins, write access)."""
    files = state.files(repo.full_name, ref)
    source = next((files[p] for p in CODEOWNERS_PATHS if p in files), None)
    if source is None:
        return set()
    rules = parse_codeowners(source.decode(errors="replace"))
    found: set[str] = set()
    for path in paths:
        match = next((o for p, o in reversed(rules) if _matches(p, path)), [])
        for owner in match:
            login = state.canonical(owner.lstrip("@")) if "/" not in owner else None
            perm = state.permission(login, repo) if login else None
            if login and perm and PERMISSION_RANK[perm] >= PERMISSION_RANK["push"]:
                found.add(login.lower())
    return found


def request_code_owners(state: State, repo: Repo, item: Issue) -> list[str]:
    """Add the code owners (not the author) as requested reviewers; returns who was added."""
    pr = item.pull
    assert pr is not None
    owners = owners_of(state, repo, pr.base, changed_paths(repo, item))
    added = []
    for lowered in sorted(owners):
        login = state.canonical(lowered) or lowered
        if login.lower() != item.user.lower() and login not in pr.requested_users:
            pr.requested_users.append(login)
            added.append(login)
    return added


def assignable(state: State, repo: Repo, login: str) -> bool:
    """Whether GitHub lets ``login`` be assigned to issues in ``repo`` (see the module doc)."""
    perm = state.permission(login, repo)
    if perm is None:
        return False
    org = state.orgs.get(repo.owner)
    member = org is not None and org.is_member(login)
    return PERMISSION_RANK[perm] >= PERMISSION_RANK["push"] or member
