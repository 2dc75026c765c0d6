"""REST: repositories, topics, collaborators and repository invitations."""

from __future__ import annotations

import re
from typing import Any

from cohort.sandbox import lookup, rest_invitations, shapes
from cohort.sandbox.commits import auto_init
from cohort.sandbox.state import MERGE_SETTINGS, Label, Repo, RepoInvitation
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

# The labels GitHub gives every new repository (recorded in @octokit/fixtures ``labels``:
# GET …/labels on a fresh repository answers these nine).
DEFAULT_LABELS = (
    ("bug", "d73a4a", "Something isn't working"),
    ("documentation", "0075ca", "Improvements or additions to documentation"),
    ("duplicate", "cfd3d7", "This issue or pull request already exists"),
    ("enhancement", "a2eeef", "New feature or request"),
    ("good first issue", "7057ff", "Good for newcomers"),
    ("help wanted", "008672", "Extra attention is needed"),
    ("invalid", "e4e669", "This doesn't seem right"),
    ("question", "d876e3", "Further information is requested"),
    ("wontfix", "ffffff", "This will not be worked on"),
)
_FLAGS = ("has_issues", "has_projects", "has_wiki", "has_discussions")
_VALID_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def _visibility(data: dict[str, object], current: str) -> str:
    if isinstance(data.get("visibility"), str):
        return str(data["visibility"])
    if "private" in data:
        return "private" if data["private"] else "public"
    return current


@op("repos/create-in-org")
def create_repo(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    data = lookup.body(req)
    name = lookup.require_name(data.get("name"), "Repository")
    if not _VALID_NAME.match(name):
        raise invalid("Repository", "custom", "name")
    if ctx.state.repo(org.login, name) is not None:
        raise ApiError(
            422,
            "Repository creation failed.",
            [
                {
                    "resource": "Repository",
                    "code": "custom",
                    "field": "name",
                    "message": "name already exists on this account",
                }
            ],
        )
    number, node_id = ctx.state.node("Repository")
    repo = Repo(
        org.login,
        name,
        number,
        node_id,
        ctx.stamp,
        ctx.stamp,
        visibility=_visibility(data, "public"),
        description=data.get("description"),
        homepage=data.get("homepage"),
    )
    _merge_settings(repo, data)
    for flag in _FLAGS:
        if isinstance(data.get(flag), bool):
            setattr(repo, flag, data[flag])
    team_id = data.get("team_id")
    team = ctx.state.team_by_id(team_id) if isinstance(team_id, int) else None
    if team_id is not None and (team is None or team.org != org.login):
        raise invalid("Repository", "invalid", "team_id")
    ctx.state.repos[repo.full_name] = repo
    _grant_creator(ctx, req, repo)
    for label_name, color, text in DEFAULT_LABELS:
        label_id, label_node = ctx.state.node("Label")
        repo.labels.append(Label(label_id, label_node, label_name, color, text, default=True))
    if team is not None:
        team.repos[repo.full_name] = "pull"
    if data.get("auto_init"):
        auto_init(ctx.state, repo, req.principal.login, ctx.now)
    return Response(201, shapes.repo_full(ctx.state, repo, req.principal.login))


def _grant_creator(ctx: Ctx, req: Request, repo: Repo) -> None:
    """A repository an App installation creates joins its selected repositories (GitHub grants
    an App access to the repositories it creates; docs: "Installing your own GitHub App")."""
    token = req.principal.token
    app = ctx.state.installation(token.installation_id) if token else None
    if app is not None and app.repository_selection == "selected":
        app.selected.append(repo.name)


@op("repos/get")
def get_repo(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    return Response(200, shapes.repo_full(ctx.state, repo, req.principal.login))


def _merge_settings(repo: Repo, data: dict[str, Any]) -> None:
    """The merge settings a create or update body names (the rest keep their values)."""
    for key in MERGE_SETTINGS:
        if key in data:
            repo.merge_settings[key] = data[key]


@op("repos/update")
def update_repo(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    data = lookup.body(req)
    if repo.archived and data.get("archived") is not False:
        raise ApiError(403, "Repository was archived so is read-only.")
    repo.visibility = _visibility(data, repo.visibility)
    for key in ("description", "homepage", "archived", "default_branch", *_FLAGS):
        if key in data:
            setattr(repo, key, data[key])
    if "name" in data and data["name"] != repo.name:
        raise invalid("Repository", "custom", "name")
    _merge_settings(repo, data)
    repo.updated_at = ctx.stamp
    return Response(200, shapes.repo_full(ctx.state, repo, req.principal.login))


@op("repos/list-for-org")
def list_repos(ctx: Ctx, req: Request) -> Response:
    org = lookup.org(ctx, req)
    kind = req.query.get("type", "all")
    token = req.principal.token if req.principal.kind == "installation" else None
    repos = [
        r
        for r in ctx.state.repos.values()
        if r.owner == org.login
        and kind in ("all", r.visibility, "sources")
        and (token is None or ctx.state.token_reaches(token, r))
    ]
    repos.sort(key=lambda r: r.created_at + f"{r.id:012d}")
    return page_response(req, [shapes.repo_minimal(ctx.state, r) for r in repos])


@op("repos/get-all-topics")
def get_topics(ctx: Ctx, req: Request) -> Response:
    return Response(200, {"names": list(lookup.repo(ctx, req).topics)})


@op("repos/replace-all-topics")
def put_topics(ctx: Ctx, req: Request) -> Response:
    repo = lookup.writable_repo(ctx, req)
    names = [str(n).lower() for n in lookup.body(req).get("names", [])]
    bad = [n for n in names if not re.match(r"^[a-z0-9][a-z0-9-]{0,49}$", n)]
    if bad:
        raise ApiError(
            422,
            "Validation Failed",
            [
                {
                    "resource": "Repository",
                    "code": "invalid",
                    "field": "topics",
                    "message": f"{bad[0]} is not a valid topic",
                }
            ],
        )
    repo.topics = list(dict.fromkeys(names))
    return Response(200, {"names": repo.topics})


@op("repos/list-collaborators")
def list_collaborators(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    affiliation = req.query.get("affiliation", "all")
    people = dict(repo.collaborators)
    if affiliation != "direct":
        for login in ctx.state.users:
            perm = ctx.state.permission(login, repo)
            if perm and (
                login in people or repo.visibility == "private" or _has_grant(ctx, login, repo)
            ):
                people[login] = perm
    out = []
    for login, perm in sorted(people.items(), key=lambda x: x[0].lower()):
        body = shapes.user(ctx.state, login)
        body["permissions"] = shapes.permissions_map(perm)
        body["role_name"] = {"pull": "read", "push": "write"}.get(perm, perm)
        out.append(body)
    return page_response(req, out)


def _has_grant(ctx: Ctx, login: str, repo: Repo) -> bool:
    org = ctx.state.orgs.get(repo.owner)
    if org is not None and login in org.owners:
        return True
    return any(login in t.members and repo.full_name in t.repos for t in ctx.state.teams.values())


@op("repos/add-collaborator")
def add_collaborator(ctx: Ctx, req: Request) -> Response:
    repo = lookup.writable_repo(ctx, req)
    login = lookup.user_exists(ctx, req.params["username"])
    perm = lookup.body(req).get("permission", "push")
    org = ctx.state.orgs.get(repo.owner)
    if login in repo.collaborators or (org is not None and org.is_member(login)):
        repo.collaborators[login] = perm
        return Response(204)
    rest_invitations.expire_repo(repo, ctx.now)
    pending = next((i for i in repo.invitations if i.invitee == login), None)
    if pending is None:
        number, node_id = ctx.state.node("RepositoryInvitation")
        pending = RepoInvitation(number, node_id, login, req.principal.login, perm, ctx.stamp)
        repo.invitations.append(pending)
    pending.permission = perm
    return Response(201, shapes.repo_invitation(ctx.state, repo, pending))


@op("repos/remove-collaborator")
def remove_collaborator(ctx: Ctx, req: Request) -> Response:
    repo = lookup.writable_repo(ctx, req)
    repo.collaborators.pop(req.params["username"], None)
    return Response(204)


@op("repos/list-invitations")
def list_invitations(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    rest_invitations.expire_repo(repo, ctx.now)
    items = [shapes.repo_invitation(ctx.state, repo, i) for i in repo.invitations]
    return page_response(req, items)


@op("repos/delete-invitation")
def delete_invitation(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    number = int(req.params["invitation_id"])
    if not any(i.id == number for i in repo.invitations):
        raise not_found()
    repo.invitations = [i for i in repo.invitations if i.id != number]
    return Response(204)
