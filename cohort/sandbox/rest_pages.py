"""REST: GitHub Pages for a repository (``/repos/{owner}/{repo}/pages``).

GitHub's rules (REST docs, "GitHub Pages"): a site is created once (409 "GitHub Pages is
already enabled." on a second POST); ``build_type`` is ``legacy`` (built from ``source``, which
must name an existing branch) or ``workflow`` (deployed by GitHub Actions, no source needed);
a private repository on the free plan cannot have a site (422); GET and DELETE on a repository
without a site answer 404. Apps need the ``pages`` permission.
"""

from __future__ import annotations

from typing import Any

from cohort.sandbox import lookup
from cohort.sandbox.shapes import API
from cohort.sandbox.state import Pages, Repo, State
from cohort.sandbox.wire import ApiError, Ctx, Request, Response, invalid, not_found, op


def page_body(state: State, repo: Repo, site: Pages) -> dict[str, Any]:
    org = repo.owner.lower()
    out: dict[str, Any] = {
        "url": f"{API}/repos/{repo.full_name}/pages",
        "status": "built" if site.built else None,
        "cname": site.cname,
        "custom_404": False,
        "html_url": f"https://{org}.github.io/{repo.name}/",
        "build_type": site.build_type,
        "public": repo.visibility == "public",
        "protected_domain_state": None,
        "pending_domain_unverified_at": None,
        "https_enforced": site.https_enforced,
    }
    if site.branch:
        out["source"] = {"branch": site.branch, "path": site.path}
    return out


def _site(ctx: Ctx, req: Request) -> tuple[Repo, Pages]:
    repo = lookup.repo(ctx, req)
    if repo.pages is None:
        raise not_found()
    return repo, repo.pages


def _source(repo: Repo, data: dict[str, Any]) -> tuple[str | None, str]:
    source = data.get("source")
    if isinstance(source, str):  # the legacy spellings: "gh-pages", "master", "master /docs"
        branch, _, path = source.partition(" ")
        source = {"branch": branch, "path": path or "/"}
    if not isinstance(source, dict):
        return None, "/"
    branch = str(source.get("branch", ""))
    if f"refs/heads/{branch}" not in repo.git.refs:
        raise invalid("Page", "invalid", "source")
    return branch, str(source.get("path") or "/")


def _allowed(ctx: Ctx, repo: Repo) -> None:
    org = ctx.state.orgs.get(repo.owner)
    if repo.visibility != "public" and org is not None and org.plan == "free":
        raise ApiError(422, "Your current plan does not support GitHub Pages for this repository.")


@op("repos/get-pages")
def get_pages(ctx: Ctx, req: Request) -> Response:
    repo, site = _site(ctx, req)
    return Response(200, page_body(ctx.state, repo, site))


@op("repos/create-pages-site")
def create_pages(ctx: Ctx, req: Request) -> Response:
    repo = lookup.writable_repo(ctx, req)
    if repo.pages is not None:
        raise ApiError(409, "GitHub Pages is already enabled.")
    _allowed(ctx, repo)
    data = lookup.body(req)
    build_type = str(data.get("build_type") or "legacy")
    branch, path = _source(repo, data)
    if build_type == "legacy" and branch is None:
        raise invalid("Page", "missing_field", "source")
    repo.pages = Pages(build_type, branch, path)
    ctx.created += 1
    return Response(201, page_body(ctx.state, repo, repo.pages))


@op("repos/update-information-about-pages-site")
def update_pages(ctx: Ctx, req: Request) -> Response:
    repo, site = _site(ctx, req)
    data = lookup.body(req)
    if "build_type" in data:
        site.build_type = str(data["build_type"])
    if "source" in data:
        site.branch, site.path = _source(repo, data)
    if site.build_type == "legacy" and site.branch is None:
        raise invalid("Page", "missing_field", "source")
    if "cname" in data:
        site.cname = data["cname"]
    if isinstance(data.get("https_enforced"), bool):
        site.https_enforced = data["https_enforced"]
    return Response(204)


@op("repos/delete-pages-site")
def delete_pages(ctx: Ctx, req: Request) -> Response:
    repo, _ = _site(ctx, req)
    repo.pages = None
    return Response(204)
