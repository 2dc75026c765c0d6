"""REST: git data (refs, blobs, trees, commits) over the real object store."""

from __future__ import annotations

import base64
from typing import Any

from cohort.sandbox import lookup, rules
from cohort.sandbox.commits import signature
from cohort.sandbox.git import Commit, Signature, TreeEntry
from cohort.sandbox.shapes import API, WEB
from cohort.sandbox.state import Repo
from cohort.sandbox.wire import ApiError, Ctx, Request, Response, invalid, iso, not_found, op


def nonempty(ctx: Ctx, req: Request) -> Repo:
    repo = lookup.repo(ctx, req)
    if repo.git.is_empty():
        raise ApiError(409, "Git Repository is empty.")
    return repo


def ref_body(repo: Repo, name: str, sha: str) -> dict[str, Any]:
    return {
        "ref": name,
        "node_id": f"REF_{repo.id}_{name}",
        "url": f"{API}/repos/{repo.full_name}/git/{name}",
        "object": {
            "sha": sha,
            "type": "commit",
            "url": f"{API}/repos/{repo.full_name}/git/commits/{sha}",
        },
    }


@op("git/get-ref")
def get_ref(ctx: Ctx, req: Request) -> Response:
    repo = nonempty(ctx, req)
    name = "refs/" + req.params["ref"]
    if name not in repo.git.refs:
        raise not_found()
    return Response(200, ref_body(repo, name, repo.git.refs[name]))


@op("git/create-ref")
def create_ref(ctx: Ctx, req: Request) -> Response:
    repo = nonempty(ctx, req)
    data = lookup.body(req)
    name, sha = str(data["ref"]), str(data["sha"])
    if not name.startswith("refs/") or name.count("/") < 2:
        raise ApiError(422, "Reference name is invalid")
    if name in repo.git.refs:
        raise ApiError(422, "Reference already exists")
    if sha not in repo.git.commits:
        raise ApiError(422, "Object does not exist")
    repo.git.refs[name] = sha
    return Response(201, ref_body(repo, name, sha))


@op("git/update-ref")
def update_ref(ctx: Ctx, req: Request) -> Response:
    repo = nonempty(ctx, req)
    data = lookup.body(req)
    name, sha = "refs/" + req.params["ref"], str(data["sha"])
    if name not in repo.git.refs:
        raise ApiError(422, "Reference does not exist")
    if sha not in repo.git.commits:
        raise ApiError(422, "Object does not exist")
    if not data.get("force") and repo.git.refs[name] not in repo.git.history(sha):
        raise ApiError(422, "Update is not a fast forward")
    refuse_protected_ref_change(ctx, req, repo, name)
    repo.git.refs[name] = sha
    return Response(200, ref_body(repo, name, sha))


@op("git/list-matching-refs")
def list_matching_refs(ctx: Ctx, req: Request) -> Response:
    """Refs starting with ``refs/{ref}`` (``GET …/git/refs/`` lists them all)."""
    repo = nonempty(ctx, req)
    prefix = "refs/" + req.params["ref"]
    names = sorted(n for n in repo.git.refs if n.startswith(prefix))
    return Response(200, [ref_body(repo, n, repo.git.refs[n]) for n in names])


@op("git/delete-ref")
def delete_ref(ctx: Ctx, req: Request) -> Response:
    """Delete a ref; 422 "Reference does not exist" as GitHub answers for an unknown one."""
    repo = nonempty(ctx, req)
    name = "refs/" + req.params["ref"]
    if name not in repo.git.refs:
        raise ApiError(422, "Reference does not exist")
    refuse_protected_ref_change(ctx, req, repo, name)
    del repo.git.refs[name]
    return Response(204)


def refuse_protected_ref_change(ctx: Ctx, req: Request, repo: Repo, name: str) -> None:
    """GitHub refuses to move or delete a protected branch outside a pull request.

    Message as GitHub's GH006 refusal: ``Protected branch update failed for refs/heads/main.``
    (docs: "About protected branches"; rules in ``cohort.sandbox.rules``).
    """
    if name.startswith("refs/heads/") and rules.direct_push_refused(
        ctx.state, req.principal, repo, name.removeprefix("refs/heads/")
    ):
        raise ApiError(422, f"Protected branch update failed for {name}.")


def blob_body(repo: Repo, sha: str) -> dict[str, Any]:
    data = repo.git.blobs[sha]
    return {
        "sha": sha,
        "node_id": f"B_{sha[:16]}",
        "size": len(data),
        "url": f"{API}/repos/{repo.full_name}/git/blobs/{sha}",
        "content": base64.encodebytes(data).decode(),
        "encoding": "base64",
    }


@op("git/create-blob")
def create_blob(ctx: Ctx, req: Request) -> Response:
    repo = nonempty(ctx, req)
    data = lookup.body(req)
    text = str(data["content"])
    raw = base64.b64decode(text) if data.get("encoding") == "base64" else text.encode()
    sha = repo.git.put_blob(raw)
    return Response(201, {"sha": sha, "url": f"{API}/repos/{repo.full_name}/git/blobs/{sha}"})


@op("git/get-blob")
def get_blob(ctx: Ctx, req: Request) -> Response:
    repo = nonempty(ctx, req)
    if req.params["file_sha"] not in repo.git.blobs:
        raise not_found()
    return Response(200, blob_body(repo, req.params["file_sha"]))


def tree_body(repo: Repo, sha: str, recursive: bool) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []

    def walk(tree_sha: str, prefix: str) -> None:
        for e in repo.git.trees[tree_sha]:
            item: dict[str, Any] = {
                "path": prefix + e.name,
                "mode": e.mode,
                "type": e.kind,
                "sha": e.sha,
                "url": f"{API}/repos/{repo.full_name}/git/{e.kind}s/{e.sha}",
            }
            if e.kind == "blob":
                item["size"] = len(repo.git.blobs[e.sha])
            entries.append(item)
            if recursive and e.kind == "tree":
                walk(e.sha, prefix + e.name + "/")

    walk(sha, "")
    return {
        "sha": sha,
        "url": f"{API}/repos/{repo.full_name}/git/trees/{sha}",
        "tree": entries,
        "truncated": False,
    }


def _tree_changes(repo: Repo, items: list[dict[str, Any]]) -> dict[str, str | None]:
    changes: dict[str, str | None] = {}
    for item in items:
        path = str(item.get("path", "")).strip("/")
        if "content" in item and item["content"] is not None:
            changes[path] = repo.git.put_blob(str(item["content"]).encode())
        elif item.get("sha") is None:
            changes[path] = None
        elif item.get("type") == "tree" or item.get("mode") == "040000":
            for sub, blob in repo.git.files(str(item["sha"])).items():
                changes[f"{path}/{sub}"] = blob
        elif str(item["sha"]) in repo.git.blobs:
            changes[path] = str(item["sha"])
        else:
            raise ApiError(422, "GitRPC::BadObjectState", [])
    return changes


@op("git/create-tree")
def create_tree(ctx: Ctx, req: Request) -> Response:
    repo = lookup.repo(ctx, req)
    data = lookup.body(req)
    files: dict[str, str] = {}
    base = data.get("base_tree")
    if base is not None:
        if base not in repo.git.trees:
            raise invalid("Tree", "invalid", "base_tree")
        files = repo.git.files(str(base))
    changed = _tree_changes(repo, list(data.get("tree", [])))
    if rules.refused_workflow(req.principal, list(changed)):
        raise not_found()  # GitHub hides the path (see cohort.sandbox.rules)
    for path, sha in changed.items():
        if sha is None:
            files = {p: s for p, s in files.items() if p != path and not p.startswith(path + "/")}
        else:
            files[path] = sha
    sha = repo.git.write_files(files)
    return Response(201, tree_body(repo, sha, recursive=False))


@op("git/get-tree")
def get_tree(ctx: Ctx, req: Request) -> Response:
    repo = nonempty(ctx, req)
    sha = req.params["tree_sha"]
    if sha not in repo.git.trees:
        commit = repo.git.commits.get(sha) or repo.git.commits.get(
            repo.git.refs.get(f"refs/heads/{sha}", "")
        )
        if commit is None:
            raise not_found()
        sha = commit.tree
    recursive = req.query.get("recursive", "") not in ("", "0", "false")
    return Response(200, tree_body(repo, sha, recursive))


def _person(sig: Signature) -> dict[str, Any]:
    return {"name": sig.name, "email": sig.email, "date": iso(sig.when)}


def commit_body(repo: Repo, sha: str) -> dict[str, Any]:
    c = repo.git.commits[sha]
    base = f"{API}/repos/{repo.full_name}/git"
    return {
        "sha": sha,
        "node_id": f"C_{sha[:20]}",
        "url": f"{base}/commits/{sha}",
        "html_url": f"{WEB}/{repo.full_name}/commit/{sha}",
        "author": _person(c.author),
        "committer": _person(c.committer),
        "message": c.message,
        "tree": {"sha": c.tree, "url": f"{base}/trees/{c.tree}"},
        "parents": [
            {
                "sha": p,
                "url": f"{base}/commits/{p}",
                "html_url": f"{WEB}/{repo.full_name}/commit/{p}",
            }
            for p in c.parents
        ],
        "verification": {
            "verified": False,
            "reason": "unsigned",
            "signature": None,
            "payload": None,
            "verified_at": None,
        },
    }


def _given_signature(data: Any, fallback: Signature) -> Signature:
    if not isinstance(data, dict):
        return fallback
    return Signature(
        str(data.get("name", fallback.name)), str(data.get("email", fallback.email)), fallback.when
    )


@op("git/create-commit")
def create_commit(ctx: Ctx, req: Request) -> Response:
    repo = nonempty(ctx, req)
    data = lookup.body(req)
    tree, parents = str(data["tree"]), [str(p) for p in data.get("parents", [])]
    if tree not in repo.git.trees:
        raise ApiError(422, "Tree SHA does not exist")
    if any(p not in repo.git.commits for p in parents):
        raise ApiError(422, "Parent SHA does not exist or is not a commit object")
    me = signature(ctx.state, req.principal.login, ctx.now)
    author = _given_signature(data.get("author"), me)
    committer = _given_signature(data.get("committer"), author)
    sha = repo.git.put_commit(Commit(tree, tuple(parents), author, committer, str(data["message"])))
    return Response(201, commit_body(repo, sha))


@op("git/get-commit")
def get_commit(ctx: Ctx, req: Request) -> Response:
    repo = nonempty(ctx, req)
    if req.params["commit_sha"] not in repo.git.commits:
        raise not_found()
    return Response(200, commit_body(repo, req.params["commit_sha"]))


def tree_entry_at(repo: Repo, commit_sha: str, path: str) -> TreeEntry | None:
    return repo.git.lookup(repo.git.commits[commit_sha].tree, path)
