"""Extract the slice of GitHub's published API descriptions that the sandbox serves."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

_OPERATION_TEXT = """
orgs/get orgs/list-members orgs/get-membership-for-user orgs/list-pending-invitations
orgs/create-invitation teams/list teams/get-by-name teams/create teams/update-in-org
teams/list-members-in-org teams/get-membership-for-user-in-org
teams/add-or-update-membership-for-user-in-org teams/remove-membership-for-user-in-org
teams/list-pending-invitations-in-org teams/list-repos-in-org
teams/add-or-update-repo-permissions-in-org teams/remove-repo-in-org
repos/create-in-org repos/get repos/update repos/list-for-org repos/replace-all-topics
repos/get-all-topics repos/get-content repos/create-or-update-file-contents
repos/list-collaborators repos/add-collaborator repos/remove-collaborator repos/list-invitations
repos/delete-invitation repos/get-branch repos/get-branch-protection
repos/update-branch-protection repos/delete-branch-protection
git/get-ref git/create-ref git/update-ref git/create-blob git/get-blob git/create-tree
git/get-tree git/create-commit git/get-commit
issues/list-labels-for-repo issues/get-label issues/create-label issues/update-label
issues/delete-label issues/list-milestones issues/get-milestone issues/create-milestone
issues/update-milestone issues/list-for-repo issues/get issues/create issues/update
issues/list-comments issues/create-comment issues/update-comment issues/add-labels
issues/set-labels issues/remove-label issues/add-assignees
pulls/list pulls/get pulls/create pulls/update pulls/list-files pulls/list-reviews
pulls/create-review pulls/request-reviewers pulls/list-requested-reviewers pulls/merge
pulls/remove-requested-reviewers
users/get-authenticated users/get-by-username apps/get-authenticated apps/list-installations
apps/get-org-installation apps/get-repo-installation apps/create-installation-access-token
rate-limit/get meta/root
git/list-matching-refs git/delete-ref orgs/cancel-invitation
repos/get-pages repos/create-pages-site repos/update-information-about-pages-site
repos/delete-pages-site apps/list-webhook-deliveries apps/get-webhook-delivery
apps/redeliver-webhook-delivery repos/accept-invitation-for-authenticated-user
orgs/list-failed-invitations
orgs/update-membership-for-authenticated-user orgs/list-invitation-teams
"""
OPERATIONS = _OPERATION_TEXT.split()

# Webhook deliveries the sandbox makes (``cohort.sandbox.webhooks``), by their key in
# ``@octokit/openapi-webhooks``.
WEBHOOKS = [
    "issue-comment-created",
    "issues-labeled",
    "issues-unlabeled",
    "pull-request-opened",
    "pull-request-closed",
    "pull-request-synchronize",
    "pull-request-labeled",
    "pull-request-unlabeled",
    "pull-request-review-requested",
    "pull-request-review-submitted",
    "push",
]

METHODS = ("get", "put", "post", "patch", "delete", "head")
GZIP_OVER = 3_000_000


def _refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            found.add(ref)
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def _resolve(doc: dict[str, Any], ref: str) -> Any:
    node: Any = doc
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def slice_openapi(doc: dict[str, Any], wanted: list[str]) -> dict[str, Any]:
    """The operations in ``wanted``, verbatim, and every component they reference."""
    paths: dict[str, Any] = {}
    seen: set[str] = set()
    for template, item in doc["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op and op.get("operationId") in wanted:
                paths.setdefault(template, {})[method] = op
                seen.add(op["operationId"])
        if template in paths and "parameters" in item:
            paths[template]["parameters"] = item["parameters"]
    missing = sorted(set(wanted) - seen)
    if missing:
        raise SystemExit(f"operations missing from the description: {missing}")
    components: dict[str, dict[str, Any]] = {}
    todo: set[str] = set()
    _refs(paths, todo)
    done: set[str] = set()
    while todo:
        ref = todo.pop()
        if ref in done:
            continue
        done.add(ref)
        _, _, kind, name = ref.split("/", 3)
        target = _resolve(doc, ref)
        components.setdefault(kind, {})[name] = target
        _refs(target, todo)
    ordered = {k: dict(sorted(v.items())) for k, v in sorted(components.items())}
    return {"openapi": doc["openapi"], "info": doc["info"], "paths": paths, "components": ordered}


def slice_webhooks(doc: dict[str, Any], wanted: list[str]) -> dict[str, Any]:
    """The request-body schema of each wanted webhook and every component it references."""
    hooks = {}
    for key in wanted:
        post = doc["webhooks"][key]["post"]
        hooks[key] = post["requestBody"]["content"]["application/json"]["schema"]
    sliced = slice_openapi({**doc, "paths": {}}, [])
    todo: set[str] = set()
    _refs(hooks, todo)
    components: dict[str, dict[str, Any]] = {}
    done: set[str] = set()
    while todo:
        ref = todo.pop()
        if ref in done:
            continue
        done.add(ref)
        _, _, kind, name = ref.split("/", 3)
        target = _resolve(doc, ref)
        components.setdefault(kind, {})[name] = target
        _refs(target, todo)
    sliced["components"] = {k: dict(sorted(v.items())) for k, v in sorted(components.items())}
    sliced["webhooks"] = hooks
    return sliced


def _write(path: Path, data: Any) -> Path:
    text = json.dumps(data, separators=(",", ":"), sort_keys=False).encode()
    if len(text) > GZIP_OVER:
        path = path.with_suffix(path.suffix + ".gz")
        path.write_bytes(gzip.compress(text, mtime=0))
    else:
        path.write_bytes(text)
    return path


def _version(pkg_dir: Path) -> str:
    return str(json.loads((pkg_dir / "package.json").read_text())["version"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--node-modules", type=Path, default=Path("/tmp/octo/node_modules"))
    parser.add_argument("--out", type=Path, default=Path("cohort/sandbox/specs"))
    args = parser.parse_args(argv)
    openapi_dir = args.node_modules / "@octokit" / "openapi"
    graphql_dir = args.node_modules / "@octokit" / "graphql-schema"
    doc = json.loads((openapi_dir / "generated" / "api.github.com.json").read_text())
    args.out.mkdir(parents=True, exist_ok=True)
    rest = _write(args.out / "rest-operations.json", slice_openapi(doc, OPERATIONS))
    schema = json.loads((graphql_dir / "schema.json").read_text())
    gql = _write(args.out / "graphql-schema.json", schema)
    hooks_dir = args.node_modules / "@octokit" / "openapi-webhooks"
    hooks_doc = json.loads((hooks_dir / "generated" / "api.github.com.json").read_text())
    hooks = _write(args.out / "webhooks.json", slice_webhooks(hooks_doc, WEBHOOKS))
    (args.out / "SOURCE.md").write_text(
        "# Where these files come from\n\n"
        "Generated by `scripts/extract_specs.py`; do not edit by hand.\n\n"
        f"- `{rest.name}`: a verbatim slice of `@octokit/openapi` {_version(openapi_dir)}"
        " (`generated/api.github.com.json`): the operations the sandbox serves and every"
        " `components` entry they reference.\n"
        f"- `{gql.name}`: `@octokit/graphql-schema` {_version(graphql_dir)} (`schema.json`,"
        " introspection result), re-serialized compactly.\n"
        f"- `{hooks.name}`: a slice of `@octokit/openapi-webhooks` {_version(hooks_dir)}"
        " (`generated/api.github.com.json`): the payload schema of each webhook the sandbox"
        " delivers and every `components` entry they reference.\n\n"
        "Regenerate: `npm install --prefix /tmp/octo @octokit/openapi @octokit/graphql-schema"
        " @octokit/openapi-webhooks`"
        " then `python scripts/extract_specs.py`.\n"
    )
    print(f"wrote {rest} and {gql}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
