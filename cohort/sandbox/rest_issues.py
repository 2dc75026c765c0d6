"""REST: labels, milestones, issues, issue comments, issue labels and assignees."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from cohort.sandbox import lookup, rules, webhooks
from cohort.sandbox import shapes_issues as shape
from cohort.sandbox.shapes_issues import issue_counts
from cohort.sandbox.state import Comment, Issue, Label, Milestone, Repo
from cohort.sandbox.wire import (
    ApiError,
    Ctx,
    Request,
    Response,
    invalid,
    not_found,
    op,
    page_response,
)

_COLOR = re.compile(r"^[0-9a-fA-F]{6}$")


def find_label(ctx: Ctx, req: Request) -> tuple[Repo, Label]:
    repo = lookup.repo(ctx, req)
    found = repo.label(unquote(req.params["name"]))
    if found is None:
        raise not_found()
    return repo, found


@op("issues/list-labels-for-repo")
def list_labels(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    return page_response(req, [shape.label(repo, x) for x in repo.labels])


@op("issues/get-label")
def get_label(ctx: Ctx, req: Request) -> Response:
    repo, found = find_label(ctx, req)
    return Response(200, shape.label(repo, found))


def add_label(ctx: Ctx, repo: Repo, name: str, color: str, description: str | None) -> Label:
    """Create a label or raise GitHub's already_exists (or invalid colour, as recorded in
    @octokit/fixtures ``errors``: 422, ``{"resource": "Label", "code": "invalid", "field":
    "color"}``)."""
    if not _COLOR.match(color.lstrip("#")):
        raise invalid("Label", "invalid", "color")
    if repo.label(name) is not None:
        raise invalid("Label", "already_exists", "name")
    number, node_id = ctx.state.node("Label")
    created = Label(number, node_id, name, color.lstrip("#").lower(), description)
    repo.labels.append(created)
    return created


@op("issues/create-label")
def create_label(ctx: Ctx, req: Request) -> Response:
    repo = lookup.writable_repo(ctx, req)
    data = lookup.body(req)
    name = lookup.require_name(data.get("name"), "Label")
    created = add_label(
        ctx, repo, name, str(data.get("color") or "ededed"), data.get("description")
    )
    return Response(201, shape.label(repo, created))


@op("issues/update-label")
def update_label(ctx: Ctx, req: Request) -> Response:
    repo, found = find_label(ctx, req)
    data = lookup.body(req)
    new_name = data.get("new_name")
    if new_name and new_name != found.name:
        other = repo.label(new_name)
        if other is not None and other is not found:
            raise invalid("Label", "already_exists", "name")
        found.name = new_name
    if data.get("color"):
        if not _COLOR.match(str(data["color"]).lstrip("#")):
            raise invalid("Label", "invalid", "color")
        found.color = str(data["color"]).lstrip("#").lower()
    if "description" in data:
        found.description = data["description"]
    return Response(200, shape.label(repo, found))


@op("issues/delete-label")
def delete_label(ctx: Ctx, req: Request) -> Response:
    repo, found = find_label(ctx, req)
    repo.labels.remove(found)
    for item in repo.issues.values():
        item.label_ids = [i for i in item.label_ids if i != found.id]
    return Response(204)


@op("issues/list-milestones")
def list_milestones(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    state = req.query.get("state", "open")
    items = [m for m in repo.milestones if state in ("all", m.state)]
    if req.query.get("sort", "due_on") == "due_on":
        items.sort(key=lambda m: (m.due_on is None, m.due_on or "", m.number))
    else:
        items.sort(key=lambda m: (sum(issue_counts(repo, m.number)), m.number))
    if req.query.get("direction") == "desc":
        items.reverse()
    return page_response(req, [shape.milestone(ctx.state, repo, m) for m in items])


def find_milestone(ctx: Ctx, req: Request) -> tuple[Repo, Milestone]:
    repo = lookup.repo(ctx, req)
    found = repo.milestone(int(req.params["milestone_number"]))
    if found is None:
        raise not_found()
    return repo, found


@op("issues/get-milestone")
def get_milestone(ctx: Ctx, req: Request) -> Response:
    repo, found = find_milestone(ctx, req)
    return Response(200, shape.milestone(ctx.state, repo, found))


@op("issues/create-milestone")
def create_milestone(ctx: Ctx, req: Request) -> Response:
    repo = lookup.writable_repo(ctx, req)
    data = lookup.body(req)
    title = lookup.require_name(data.get("title"), "Milestone")
    if any(m.title == title for m in repo.milestones):
        raise invalid("Milestone", "already_exists", "title")
    number, node_id = ctx.state.node("Milestone")
    seq = max((m.number for m in repo.milestones), default=0) + 1
    created = Milestone(
        number,
        node_id,
        seq,
        title,
        req.principal.login,
        data.get("description"),
        data.get("due_on"),
        data.get("state", "open"),
        ctx.stamp,
        ctx.stamp,
    )
    repo.milestones.append(created)
    return Response(201, shape.milestone(ctx.state, repo, created))


@op("issues/update-milestone")
def update_milestone(ctx: Ctx, req: Request) -> Response:
    repo, found = find_milestone(ctx, req)
    data = lookup.body(req)
    title = data.get("title")
    if title and any(m.title == title and m is not found for m in repo.milestones):
        raise invalid("Milestone", "already_exists", "title")
    for key in ("title", "description", "due_on", "state"):
        if key in data:
            setattr(found, key, data[key])
    found.closed_at = ctx.stamp if found.state == "closed" else None
    found.updated_at = ctx.stamp
    return Response(200, shape.milestone(ctx.state, repo, found))


def _matches(item: Issue, query: dict[str, str], repo: Repo) -> bool:
    state = query.get("state", "open")
    if state != "all" and item.state != state:
        return False
    wanted = query.get("milestone")
    if wanted not in (None, "*") and wanted != str(item.milestone):
        return wanted == "none" and item.milestone is None
    labels = [x for x in query.get("labels", "").split(",") if x]
    names = {lab.name for lab in repo.labels if lab.id in item.label_ids}
    return all(x in names for x in labels)


@op("issues/list-for-repo")
def list_issues(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    items = [i for i in repo.issues.values() if _matches(i, req.query, repo)]
    items.sort(key=lambda i: i.number, reverse=req.query.get("direction", "desc") == "desc")
    return page_response(req, [shape.issue(ctx.state, repo, i) for i in items])


@op("issues/get")
def get_issue(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.issue(ctx, req)
    return Response(200, shape.issue(ctx.state, repo, item))


def label_ids(ctx: Ctx, repo: Repo, names: list[Any]) -> list[int]:
    """IDs for label names, creating missing labels as GitHub does."""
    out = []
    for raw in names:
        name = raw["name"] if isinstance(raw, dict) else str(raw)
        found = repo.label(name) or add_label(ctx, repo, name, "ededed", None)
        if found.id not in out:
            out.append(found.id)
    return out


def assignable(ctx: Ctx, repo: Repo, login: str) -> bool:
    return rules.assignable(ctx.state, repo, login)


def checked_assignees(ctx: Ctx, repo: Repo, logins: list[Any]) -> list[str]:
    """The assignees, or GitHub's 422 naming the first one that cannot be assigned.

    Shape as GitHub answers ``POST …/issues`` with an unassignable login:
    ``{"value": login, "resource": "Issue", "field": "assignees", "code": "invalid"}``.
    """
    out = [str(x) for x in logins]
    for login in out:
        if not assignable(ctx, repo, login):
            raise ApiError(
                422,
                "Validation Failed",
                [{"value": login, "resource": "Issue", "field": "assignees", "code": "invalid"}],
            )
    return out


def _validate(ctx: Ctx, repo: Repo, data: dict[str, Any]) -> None:
    """GitHub's 422s for a write, before anything changes (a refused write changes nothing)."""
    number = data.get("milestone")
    if number is not None and repo.milestone(int(number)) is None:
        raise invalid("Issue", "invalid", "milestone")
    checked_assignees(ctx, repo, list(data.get("assignees") or []))


def _apply_fields(ctx: Ctx, repo: Repo, item: Issue, data: dict[str, Any], by: str) -> None:
    _validate(ctx, repo, data)
    if "milestone" in data:
        number = data["milestone"]
        item.milestone = None if number is None else int(number)
    if "labels" in data:
        item.label_ids = label_ids(ctx, repo, list(data["labels"] or []))
    if "assignees" in data:
        item.assignees = [str(x) for x in data["assignees"] or []]
    for key in ("title", "body"):
        if key in data:
            setattr(item, key, data[key])
    if data.get("state") in ("open", "closed") and data["state"] != item.state:
        item.state = data["state"]
        item.closed_at = ctx.stamp if item.state == "closed" else None
        item.closed_by = by if item.state == "closed" else None
        item.state_reason = data.get("state_reason") or (
            "completed" if item.state == "closed" else "reopened"
        )
    item.updated_at = ctx.stamp


def new_issue(ctx: Ctx, repo: Repo, title: str, login: str, kind: str = "Issue") -> Issue:
    if kind == "Issue" and not repo.has_issues:
        raise not_found()
    number, node_id = ctx.state.node(kind)
    item = Issue(number, node_id, repo.next_number, title, login, ctx.stamp, ctx.stamp)
    repo.next_number += 1
    repo.issues[item.number] = item
    ctx.created += 1
    return item


@op("issues/create")
def create_issue(ctx: Ctx, req: Request) -> Response:
    repo = lookup.writable_repo(ctx, req)
    data = lookup.body(req)
    _validate(ctx, repo, data)
    item = new_issue(ctx, repo, str(data["title"]), req.principal.login)
    _apply_fields(
        ctx, repo, item, {k: v for k, v in data.items() if k != "title"}, req.principal.login
    )
    return Response(201, shape.issue(ctx.state, repo, item))


@op("issues/update")
def update_issue(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.issue(ctx, req)
    _apply_fields(ctx, repo, item, lookup.body(req), req.principal.login)
    return Response(200, shape.issue(ctx.state, repo, item))


@op("issues/list-comments")
def list_comments(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.issue(ctx, req)
    return page_response(req, [shape.comment(ctx.state, repo, item, c) for c in item.comments])


def add_comment(ctx: Ctx, item: Issue, body: str, login: str) -> Comment:
    number, node_id = ctx.state.node("IssueComment")
    made = Comment(number, node_id, body, login, ctx.stamp, ctx.stamp)
    item.comments.append(made)
    ctx.created += 1
    return made


@op("issues/create-comment")
def create_comment(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.issue(ctx, req)
    made = add_comment(ctx, item, str(lookup.body(req)["body"]), req.principal.login)
    webhooks.commented(ctx.state, ctx.now, repo, item, made, req.principal.login)
    return Response(201, shape.comment(ctx.state, repo, item, made))


@op("issues/update-comment")
def update_comment(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    wanted = int(req.params["comment_id"])
    for item in repo.issues.values():
        for c in item.comments:
            if c.id == wanted:
                c.body, c.updated_at = str(lookup.body(req)["body"]), ctx.stamp
                return Response(200, shape.comment(ctx.state, repo, item, c))
    raise not_found()


def _label_list(ctx: Ctx, repo: Repo, item: Issue) -> Response:
    by_id = {lab.id: lab for lab in repo.labels}
    return Response(200, [shape.label(repo, by_id[i]) for i in item.label_ids])


def _names(body: Any) -> list[Any]:
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        return list(body.get("labels", []))
    return []


@op("issues/add-labels")
def add_labels(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.issue(ctx, req)
    before = list(item.label_ids)
    extra = label_ids(ctx, repo, _names(req.body))
    item.label_ids += [i for i in extra if i not in item.label_ids]
    webhooks.labels_changed(ctx.state, ctx.now, repo, item, before, req.principal.login)
    return _label_list(ctx, repo, item)


@op("issues/set-labels")
def set_labels(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.issue(ctx, req)
    before = list(item.label_ids)
    item.label_ids = label_ids(ctx, repo, _names(req.body))
    webhooks.labels_changed(ctx.state, ctx.now, repo, item, before, req.principal.login)
    return _label_list(ctx, repo, item)


@op("issues/remove-label")
def remove_label(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.issue(ctx, req)
    found = repo.label(unquote(req.params["name"]))
    if found is None or found.id not in item.label_ids:
        raise not_found()
    item.label_ids.remove(found.id)
    before = [*item.label_ids, found.id]
    webhooks.labels_changed(ctx.state, ctx.now, repo, item, before, req.principal.login)
    return _label_list(ctx, repo, item)


@op("issues/add-assignees")
def add_assignees(ctx: Ctx, req: Request) -> Response:
    repo, item = lookup.issue(ctx, req)
    for login in lookup.body(req).get("assignees", []):
        # GitHub silently leaves out people who cannot be assigned here (REST docs, "Add
        # assignees to an issue"), unlike create/update which refuse them.
        if login not in item.assignees and assignable(ctx, repo, str(login)):
            item.assignees.append(str(login))
    return Response(201, shape.issue(ctx.state, repo, item))
