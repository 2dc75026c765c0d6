"""Read a team repository's files and stamp; propose a template update as one pull request.

Reads per repository: the repository (default branch), the branch head, its recursive tree
(every file's blob SHA, so unchanged files are never downloaded), the stamp, and only the
blobs a three-way merge needs. Writes per repository with something to propose: a branch, one
commit with every change (``createCommitOnBranch``), and the pull request. A pull request that
is already open for the same template version is reused, so re-running writes nothing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from cohort.errors import GitHubError, NotFoundError, UnprocessableError
from cohort.github import routes
from cohort.github.ports import GitHubPort, RestPort
from cohort.templates.model import STAMP_PATH

COMMIT = """
mutation($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}
"""


@dataclass(frozen=True)
class RepoFiles:
    """A repository's default branch: its head commit and every file's blob SHA."""

    repo: str
    branch: str
    head: str
    files: dict[str, str]


def read_files(client: RestPort, repo: str) -> RepoFiles | None:
    """The default branch's files, or None when the repository or its branch is missing."""
    try:
        branch = str(client.call(routes.GET_REPO, repo=repo)["default_branch"])
        head = str(client.call(routes.GET_HEAD_REF, repo=repo, branch=branch)["object"]["sha"])
    except NotFoundError:
        return None
    tree = client.call(routes.GET_TREE, params={"recursive": "1"}, repo=repo, tree=head)
    files = {str(e["path"]): str(e["sha"]) for e in tree.get("tree", []) if e.get("type") == "blob"}
    return RepoFiles(repo, branch, head, files)


def read_blobs(client: RestPort, repo: str, shas: frozenset[str]) -> dict[str, bytes]:
    """The content of each blob (missing ones are left out: the merge treats them as unknown)."""
    out: dict[str, bytes] = {}
    for sha in sorted(shas):
        try:
            blob = client.call(routes.GET_BLOB, repo=repo, sha=sha)
        except NotFoundError:
            continue
        out[sha] = base64.b64decode(str(blob.get("content", "")))
    return out


def read_stamp(client: RestPort, found: RepoFiles) -> bytes | None:
    sha = found.files.get(STAMP_PATH)
    if sha is None:
        return None
    return read_blobs(client, found.repo, frozenset({sha})).get(sha)


def open_pull(client: RestPort, found: RepoFiles, branch: str) -> tuple[str, bool]:
    """The open pull request of ``branch`` if there is one: (url, True); else (branch, False)."""
    owner = found.repo.split("/")[0]
    params = {"head": f"{owner}:{branch}", "state": "open"}
    pulls = client.call(routes.LIST_PULLS, params=params, repo=found.repo)
    if isinstance(pulls, list) and pulls:
        return str(pulls[0]["html_url"]), True
    return branch, False


def propose(
    client: GitHubPort,
    found: RepoFiles,
    branch: str,
    writes: dict[str, bytes],
    deletions: tuple[str, ...],
    title: str,
    body: str,
) -> str:
    """Branch, one commit with every change, and the pull request; the pull request's URL."""
    ref = {"ref": f"refs/heads/{branch}", "sha": found.head}
    try:
        head = str(client.call(routes.CREATE_REF, body=ref, repo=found.repo)["object"]["sha"])
    except UnprocessableError:  # the branch is left from an earlier try: read where it is
        head = str(
            client.call(routes.GET_HEAD_REF, repo=found.repo, branch=branch)["object"]["sha"]
        )
    if head == found.head:  # a branch left from an interrupted try already holds the commit
        _commit(client, found.repo, branch, head, writes, deletions, title)
    pull = {"title": title, "head": branch, "base": found.branch, "body": body}
    made = client.call(routes.CREATE_PULL, body=pull, repo=found.repo)
    return str(made["html_url"])


def _commit(
    client: GitHubPort,
    repo: str,
    branch: str,
    head: str,
    writes: dict[str, bytes],
    deletions: tuple[str, ...],
    headline: str,
) -> None:
    changes: dict[str, Any] = {
        "additions": [
            {"path": p, "contents": base64.b64encode(d).decode()} for p, d in writes.items()
        ],
        "deletions": [{"path": p} for p in deletions],
    }
    result = client.graphql(
        COMMIT,
        {
            "input": {
                "branch": {"repositoryNameWithOwner": repo, "branchName": branch},
                "message": {"headline": headline},
                "expectedHeadOid": head,
                "fileChanges": changes,
            }
        },
    )
    if result.errors:
        raise GitHubError(f"{repo}: committing the template update failed: {result.errors[0]}")
