"""Propose a new version of one file: a commit, or a branch with a pull request (reused if open)."""

from __future__ import annotations

import base64
import contextlib
import hashlib

from cohort.config.model import CohortFile
from cohort.errors import NotFoundError, UnprocessableError, UsageError
from cohort.github import routes
from cohort.github.ports import RestPort


def put_file(
    client: RestPort,
    repo: str,
    path: str,
    text: str,
    sha: str | None,
    message: str,
    branch: str | None = None,
) -> None:
    """One commit that writes ``text`` to ``path`` (``sha``: the blob it replaces, if any)."""
    body = {"message": message, "content": base64.b64encode(text.encode()).decode()}
    if sha:
        body["sha"] = sha
    if branch:
        body["branch"] = branch
    client.call(routes.PUT_CONTENT, body=body, repo=repo, path=path)


def open_file_pr(
    client: RestPort,
    repo: str,
    path: str,
    text: str,
    sha: str | None,
    *,
    branch: str,
    title: str,
    body: str,
) -> str:
    """A branch from the default branch, the commit on it, and a pull request; its URL.

    Re-running with the same branch returns the pull request that is already open, and a
    branch left over from an interrupted try is reused.
    """
    org = repo.split("/")[0]
    open_prs = client.call(routes.LIST_PULLS, params={"head": f"{org}:{branch}"}, repo=repo)
    if isinstance(open_prs, list) and open_prs:
        return str(open_prs[0]["html_url"])
    base = str(client.call(routes.GET_REPO, repo=repo)["default_branch"])
    head = client.call(routes.GET_HEAD_REF, repo=repo, branch=base)["object"]["sha"]
    with contextlib.suppress(UnprocessableError):  # a branch left from an earlier try
        ref = {"ref": f"refs/heads/{branch}", "sha": head}
        client.call(routes.CREATE_REF, body=ref, repo=repo)
    put_file(client, repo, path, text, sha, title, branch)
    pull = {"title": title, "head": branch, "base": base, "body": body}
    made = client.call(routes.CREATE_PULL, body=pull, repo=repo)
    return str(made["html_url"])


def propose_cohort_change(
    client: RestPort, cohort: CohortFile, path: str, text: str, body: str
) -> str:
    """A pull request in the organizer repository that changes the cohort file to ``text``."""
    if not cohort.program.organizer_repo:
        raise UsageError("--open-pr needs program.organizer_repo in the cohort file")
    repo = f"{cohort.program.organization}/{cohort.program.organizer_repo}"
    try:
        current = client.call(routes.GET_CONTENT, repo=repo, path=path)
    except NotFoundError:
        current = None
    sha = str(current["sha"]) if isinstance(current, dict) else None
    branch = "cohort/match-" + hashlib.sha256(text.encode()).hexdigest()[:10]
    return open_file_pr(
        client,
        repo,
        path,
        text,
        sha,
        branch=branch,
        title="Form teams from the sign-ups",
        body=body,
    )
