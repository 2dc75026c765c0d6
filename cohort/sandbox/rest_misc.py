"""REST: users, the App and its installations, rate limit and the API root."""

from __future__ import annotations

from typing import Any

from cohort.sandbox import lookup, shapes
from cohort.sandbox.state import App, State
from cohort.sandbox.wire import ApiError, Ctx, Request, Response, invalid, iso, not_found, op


@op("users/get-authenticated")
def get_me(ctx: Ctx, req: Request) -> Response:
    found = ctx.state.users.get(req.principal.login)
    if found is None or req.principal.kind != "user":
        raise ApiError(403, "Resource not accessible by integration")
    return Response(200, shapes.public_user(ctx.state, found, private=True))


@op("users/get-by-username")
def get_user(ctx: Ctx, req: Request) -> Response:
    login = lookup.user_exists(ctx, req.params["username"])
    return Response(200, shapes.public_user(ctx.state, ctx.state.users[login], private=False))


def integration(state: State, app: App) -> dict[str, Any]:
    return {
        "id": app.app_id,
        "slug": app.slug,
        "node_id": app.node_id,
        "client_id": f"Iv1.{app.app_id}",
        "owner": shapes.user(state, app.org),
        "name": app.slug,
        "description": None,
        "external_url": f"https://{app.slug}.example",
        "html_url": f"{shapes.WEB}/apps/{app.slug}",
        "created_at": app.created_at,
        "updated_at": app.created_at,
        "permissions": dict(app.permissions),
        "events": [],
    }


def installation(state: State, app: App) -> dict[str, Any]:
    base = f"{shapes.API}/app/installations/{app.installation_id}"
    org = state.orgs[app.org]
    return {
        "id": app.installation_id,
        "app_id": app.app_id,
        "app_slug": app.slug,
        "client_id": f"Iv1.{app.app_id}",
        "target_id": org.id,
        "target_type": "Organization",
        "account": shapes.user(state, org.login),
        "single_file_name": None,
        "repository_selection": app.repository_selection,
        "access_tokens_url": f"{base}/access_tokens",
        "repositories_url": f"{shapes.API}/installation/repositories",
        "html_url": f"{shapes.WEB}/organizations/{org.login}/settings/installations/"
        f"{app.installation_id}",
        "events": [],
        "permissions": dict(app.permissions),
        "created_at": app.created_at,
        "updated_at": app.created_at,
        "suspended_by": None,
        "suspended_at": None,
    }


def _app(req: Request) -> App:
    assert req.principal.app is not None
    return req.principal.app


@op("apps/get-authenticated")
def get_app(ctx: Ctx, req: Request) -> Response:
    return Response(200, integration(ctx.state, _app(req)))


@op("apps/list-installations")
def list_installations(ctx: Ctx, req: Request) -> Response:
    return Response(200, [installation(ctx.state, _app(req))])


@op("apps/get-org-installation")
def get_org_installation(ctx: Ctx, req: Request) -> Response:
    app = _app(req)
    if app.org != req.params["org"]:
        raise not_found()
    return Response(200, installation(ctx.state, app))


@op("apps/get-repo-installation")
def get_repo_installation(ctx: Ctx, req: Request) -> Response:
    app = _app(req)
    if app.org != lookup.repo(ctx, req).owner:
        raise not_found()
    return Response(200, installation(ctx.state, app))


def _narrow(app: App, asked: dict[str, str] | None) -> dict[str, str]:
    if asked is None:
        return dict(app.permissions)
    rank = {"read": 1, "write": 2, "admin": 3}
    for name, level in asked.items():
        if rank.get(app.permissions.get(name, ""), 0) < rank.get(level, 9):
            raise ApiError(422, "The permissions requested are not granted to this installation.")
    return dict(asked)


@op("apps/create-installation-access-token")
def create_token(ctx: Ctx, req: Request) -> Response:
    from cohort.sandbox.tokens import mint_installation_token

    app = _app(req)
    if int(req.params["installation_id"]) != app.installation_id:
        raise not_found()
    data = lookup.body(req)
    repos = data.get("repositories")
    if repos is not None:
        missing = [r for r in repos if ctx.state.repo(app.org, r) is None or not app.reaches(r)]
        if missing:
            raise invalid("Installation", "invalid", "repositories")
    perms = _narrow(app, data.get("permissions"))
    token = mint_installation_token(ctx.state, app, repos, perms, ctx.now)
    assert token.expires_at is not None
    body = {
        "token": token.token,
        "expires_at": iso(token.expires_at),
        "permissions": perms,
        "repository_selection": ("selected" if repos is not None else app.repository_selection),
    }
    return Response(201, body)


@op("rate-limit/get")
def rate_limit(ctx: Ctx, req: Request) -> Response:
    del req
    reset = int(ctx.now // 3600 * 3600 + 3600)
    core = {"limit": 5000, "remaining": 5000, "reset": reset, "used": 0}
    resources = {name: dict(core) for name in ("core", "graphql", "search")}
    return Response(200, {"rate": core, "resources": resources})


@op("meta/root")
def root(ctx: Ctx, req: Request) -> Response:
    del ctx, req
    keys = [
        "current_user_url",
        "current_user_authorizations_html_url",
        "authorizations_url",
        "code_search_url",
        "commit_search_url",
        "emails_url",
        "emojis_url",
        "events_url",
        "feeds_url",
        "followers_url",
        "following_url",
        "gists_url",
        "issue_search_url",
        "issues_url",
        "keys_url",
        "label_search_url",
        "notifications_url",
        "organization_url",
        "organization_repositories_url",
        "organization_teams_url",
        "public_gists_url",
        "rate_limit_url",
        "repository_url",
        "repository_search_url",
        "current_user_repositories_url",
        "starred_url",
        "starred_gists_url",
        "user_url",
        "user_organizations_url",
        "user_repositories_url",
        "user_search_url",
        "hub_url",
        "topic_search_url",
    ]
    return Response(200, {k: f"{shapes.API}/{k.removesuffix('_url')}" for k in keys})
