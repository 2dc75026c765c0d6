"""GraphQL mutations, applied to the same state the REST handlers use."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cohort.sandbox import graphql_repo as gr
from cohort.sandbox import graphql_views as v
from cohort.sandbox import rules, webhooks
from cohort.sandbox.auth import Principal, graphql_check
from cohort.sandbox.commits import commit_changes
from cohort.sandbox.rest_issues import add_label, new_issue
from cohort.sandbox.state import Issue, Label, Milestone, ProtectionRule, Repo, State, Team
from cohort.sandbox.wire import ApiError, Ctx

View = dict[str, Any]
_PERM = {
    "READ": "pull",
    "TRIAGE": "triage",
    "WRITE": "push",
    "MAINTAIN": "maintain",
    "ADMIN": "admin",
}


@dataclass
class MutationCtx:
    """Per-document context: who, the shared handler context, and a partial-batch budget."""

    who: Principal
    ctx: Ctx
    budget: int | None = None
    applied: int = 0

    @property
    def state(self) -> State:
        return self.ctx.state


def _node(m: MutationCtx, node_id: Any, kind: type, what: str) -> Any:
    found = m.state.find_node(str(node_id))
    target = found[-1] if isinstance(found, tuple) else found
    if not isinstance(target, kind):
        raise v.GqlError(
            "NOT_FOUND", f"Could not resolve to a node with the global id of '{node_id}'"
        )
    del what
    return found


def _repo(m: MutationCtx, node_id: Any, permission: str) -> Repo:
    repo: Repo = _node(m, node_id, Repo, "Repository")
    try:
        graphql_check(m.who, permission, repo, m.state)
    except ApiError as err:
        scopes = err.message.startswith("Your token has not been granted")
        raise v.GqlError("INSUFFICIENT_SCOPES" if scopes else "FORBIDDEN", err.message) from err
    if repo.archived:
        raise v.GqlError("UNPROCESSABLE", "Repository was archived so is read-only.")
    return repo


def create_commit_on_branch(m: MutationCtx, i: dict[str, Any]) -> View:
    branch = i["branch"]
    owner, _, name = str(branch.get("repositoryNameWithOwner", "")).partition("/")
    repo = m.state.repo(owner, name)
    if repo is None:
        raise v.GqlError(
            "NOT_FOUND", f"Could not resolve to a Repository with the name '{owner}/{name}'."
        )
    _repo(m, repo.node_id, "contents")
    head = repo.git.refs.get(f"refs/heads/{branch['branchName']}")
    if head is None:
        raise v.GqlError(
            "NOT_FOUND", f'A ref named "refs/heads/{branch["branchName"]}" does not exist.'
        )
    if i["expectedHeadOid"] != head:
        raise v.GqlError(
            "STALE_DATA",
            f'Expected branch to point to "{i["expectedHeadOid"]}" '
            f"but it did not.  Pull and try again.",
        )
    changes: dict[str, bytes | None] = {}
    given = i.get("fileChanges") or {}
    paths = [f["path"] for key in ("additions", "deletions") for f in given.get(key) or []]
    refused = rules.refused_workflow(m.who, paths)
    if refused:
        raise v.GqlError("FORBIDDEN", refused)
    if rules.direct_push_refused(m.state, m.who, repo, branch["branchName"]):
        name = branch["branchName"]
        raise v.GqlError("UNPROCESSABLE", f"Protected branch update failed for refs/heads/{name}.")
    for deletion in (i.get("fileChanges") or {}).get("deletions") or []:
        changes[deletion["path"]] = None
    for addition in (i.get("fileChanges") or {}).get("additions") or []:
        changes[addition["path"]] = base64.b64decode(addition["contents"])
    message = i["message"]["headline"] + (
        f"\n\n{i['message']['body']}" if i["message"].get("body") else ""
    )
    sha = commit_changes(
        m.state, repo, branch["branchName"], changes, message, m.who.login, m.ctx.now
    )
    before = {**repo.git.refs, f"refs/heads/{branch['branchName']}": head}
    webhooks.ref_changes(m.state, m.ctx.now, repo, before, m.who.login)
    return {"commit": gr.commit(m.state, repo, sha), "ref": None}


def create_label(m: MutationCtx, i: dict[str, Any]) -> View:
    repo = _repo(m, i["repositoryId"], "issues")
    if repo.label(i["name"]) is not None:
        raise v.GqlError("UNPROCESSABLE", "Name has already been taken")
    made = add_label(m.ctx, repo, i["name"], i["color"], i.get("description"))
    return {"label": v.label(made)}


def update_label(m: MutationCtx, i: dict[str, Any]) -> View:
    repo, lab = _node(m, i["id"], Label, "Label")
    _repo(m, repo.node_id, "issues")
    if i.get("name") and (other := repo.label(i["name"])) not in (None, lab):
        raise v.GqlError("UNPROCESSABLE", "Name has already been taken")
    lab.name = i.get("name") or lab.name
    lab.color = i.get("color") or lab.color
    if "description" in i:
        lab.description = i["description"]
    del other
    return {"label": v.label(lab)}


def _rule_fields(r: ProtectionRule, i: dict[str, Any]) -> None:
    simple = {
        "requiresApprovingReviews": "requires_approving_reviews",
        "requiredApprovingReviewCount": "required_approving_review_count",
        "requiresCodeOwnerReviews": "requires_code_owner_reviews",
        "dismissesStaleReviews": "dismiss_stale_reviews",
        "isAdminEnforced": "enforce_admins",
        "requiresLinearHistory": "linear_history",
        "allowsForcePushes": "allow_force_pushes",
        "allowsDeletions": "allow_deletions",
        "requireLastPushApproval": "require_last_push_approval",
        "requiresConversationResolution": "conversation_resolution",
        "requiresStrictStatusChecks": "strict_status_checks",
        "pattern": "pattern",
    }
    for key, attr in simple.items():
        if i.get(key) is not None:
            setattr(r, attr, i[key])
    if i.get("requiresStatusChecks") is not None:
        r.status_checks = (
            list(i.get("requiredStatusCheckContexts") or []) if i["requiresStatusChecks"] else None
        )


def _plan_allows(m: MutationCtx, repo: Repo) -> None:
    org = m.state.orgs.get(repo.owner)
    if repo.visibility != "public" and org is not None and org.plan == "free":
        raise v.GqlError(
            "FORBIDDEN",
            "Upgrade to GitHub Pro or make this repository public to enable this feature.",
        )


def create_rule(m: MutationCtx, i: dict[str, Any]) -> View:
    repo = _repo(m, i["repositoryId"], "administration")
    _plan_allows(m, repo)
    if repo.rule_for(i["pattern"]) is not None:
        raise v.GqlError("UNPROCESSABLE", f"Name already protected: {i['pattern']}")
    number, node_id = m.state.node("BranchProtectionRule")
    made = ProtectionRule(number, node_id, i["pattern"])
    _rule_fields(made, i)
    repo.rules.append(made)
    return {"branchProtectionRule": v.rule(made)}


def update_rule(m: MutationCtx, i: dict[str, Any]) -> View:
    repo, found = _node(m, i["branchProtectionRuleId"], ProtectionRule, "BranchProtectionRule")
    _repo(m, repo.node_id, "administration")
    _rule_fields(found, i)
    return {"branchProtectionRule": v.rule(found)}


def update_teams_repository(m: MutationCtx, i: dict[str, Any]) -> View:
    repo = _repo(m, i["repositoryId"], "administration")
    teams: list[Team] = [_node(m, t, Team, "Team") for t in i["teamIds"]]
    for t in teams:
        t.repos[repo.full_name] = _PERM[i["permission"]]
    return {"repository": v.repository(m.state, repo), "teams": [v.team(m.state, t) for t in teams]}


def _labels_milestone(m: MutationCtx, repo: Repo, item: Issue, i: dict[str, Any]) -> None:
    if i.get("labelIds") is not None:
        item.label_ids = [_node(m, x, Label, "Label")[1].id for x in i["labelIds"]]
    if "milestoneId" in i:
        item.milestone = (
            None
            if i["milestoneId"] is None
            else _node(m, i["milestoneId"], Milestone, "Milestone")[1].number
        )
    if i.get("assigneeIds") is not None:
        item.assignees = [m.state.find_node(x).login for x in i["assigneeIds"]]
    del repo


def create_issue(m: MutationCtx, i: dict[str, Any]) -> View:
    repo = _repo(m, i["repositoryId"], "issues")
    try:
        item = new_issue(m.ctx, repo, i["title"], m.who.login)
    except ApiError as err:
        raise v.GqlError("NOT_FOUND", "Issues are disabled for this repository.") from err
    item.body = i.get("body")
    _labels_milestone(m, repo, item, i)
    return {"issue": v.issue(m.state, repo, item)}


def update_issue(m: MutationCtx, i: dict[str, Any]) -> View:
    repo, item = _node(m, i["id"], Issue, "Issue")
    _repo(m, repo.node_id, "issues")
    for key in ("title", "body"):
        if i.get(key) is not None:
            setattr(item, key, i[key])
    if i.get("state") and i["state"].lower() != item.state:
        _set_state(m, item, i["state"].lower(), None)
    _labels_milestone(m, repo, item, i)
    item.updated_at = m.ctx.stamp
    return {"issue": v.issue(m.state, repo, item)}


def _set_state(m: MutationCtx, item: Issue, state: str, reason: str | None) -> None:
    item.state = state
    item.closed_at = m.ctx.stamp if state == "closed" else None
    item.state_reason = reason or ("completed" if state == "closed" else "reopened")


def close_issue(m: MutationCtx, i: dict[str, Any]) -> View:
    repo, item = _node(m, i["issueId"], Issue, "Issue")
    _repo(m, repo.node_id, "issues")
    _set_state(m, item, "closed", (i.get("stateReason") or "COMPLETED").lower())
    return {"issue": v.issue(m.state, repo, item)}


def add_comment(m: MutationCtx, i: dict[str, Any]) -> View:
    from cohort.sandbox.rest_issues import add_comment as add

    repo, item = _node(m, i["subjectId"], Issue, "Issue")
    _repo(m, repo.node_id, "issues" if item.pull is None else "pull_requests")
    made = add(m.ctx, item, i["body"], m.who.login)
    node = v.comment(m.state, made)
    return {
        "commentEdge": {"node": node, "cursor": v.cursor(len(item.comments) - 1)},
        "subject": v.issue(m.state, repo, item),
        "timelineEdge": None,
    }


def update_comment(m: MutationCtx, i: dict[str, Any]) -> View:
    from cohort.sandbox.state import Comment

    repo, _item, found = _node(m, i["id"], Comment, "IssueComment")
    _repo(m, repo.node_id, "issues")
    found.body, found.updated_at = i["body"], m.ctx.stamp
    return {"issueComment": v.comment(m.state, found)}


def add_labels(m: MutationCtx, i: dict[str, Any]) -> View:
    repo, item = _node(m, i["labelableId"], Issue, "Issue")
    _repo(m, repo.node_id, "issues")
    for x in i["labelIds"]:
        lab = _node(m, x, Label, "Label")[1]
        if lab.id not in item.label_ids:
            item.label_ids.append(lab.id)
    return {"labelable": v.issue(m.state, repo, item)}


def request_reviews(m: MutationCtx, i: dict[str, Any]) -> View:
    from cohort.sandbox.rest_pulls import request

    repo, item = _node(m, i["pullRequestId"], Issue, "PullRequest")
    _repo(m, repo.node_id, "pull_requests")
    users = [m.state.find_node(x).login for x in i.get("userIds") or []]
    teams = [m.state.find_node(x).slug for x in i.get("teamIds") or []]
    try:
        request(m.ctx, repo, item, users, teams)
    except (ApiError, AssertionError) as err:
        raise v.GqlError("UNPROCESSABLE", str(err)) from err
    return {"pullRequest": gr.pull(m.state, repo, item), "requestedReviewersEdge": None}


def update_topics(m: MutationCtx, i: dict[str, Any]) -> View:
    repo = _repo(m, i["repositoryId"], "administration")
    names = [str(t) for t in i["topicNames"]]
    invalid = [t for t in names if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,49}", t)]
    repo.topics = sorted({t for t in names if t not in invalid})
    return {"repository": v.repository(m.state, repo), "invalidTopicNames": invalid or None}


MUTATIONS: dict[str, Callable[[MutationCtx, dict[str, Any]], View]] = {
    "updateTopics": update_topics,
    "createCommitOnBranch": create_commit_on_branch,
    "createLabel": create_label,
    "updateLabel": update_label,
    "createBranchProtectionRule": create_rule,
    "updateBranchProtectionRule": update_rule,
    "updateTeamsRepository": update_teams_repository,
    "createIssue": create_issue,
    "updateIssue": update_issue,
    "closeIssue": close_issue,
    "addComment": add_comment,
    "updateIssueComment": update_comment,
    "addLabelsToLabelable": add_labels,
    "requestReviews": request_reviews,
}
