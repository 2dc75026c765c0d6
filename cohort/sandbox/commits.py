"""Write commits into a repository's git store (shared by REST contents, git data and GraphQL)."""

from __future__ import annotations

from cohort.sandbox.git import Commit, Signature
from cohort.sandbox.state import Repo, State


def signature(state: State, login: str, when: float) -> Signature:
    user = state.users.get(login)
    uid = user.id if user else 0
    name = user.name if user and user.name else login
    return Signature(name, f"{uid}+{login}@users.noreply.github.com", int(when))


def commit_changes(
    state: State,
    repo: Repo,
    branch: str,
    changes: dict[str, bytes | None],
    message: str,
    login: str,
    when: float,
) -> str:
    """Commit file additions (bytes) and deletions (None) on top of ``branch``; returns its SHA."""
    ref = f"refs/heads/{branch}"
    parent = repo.git.refs.get(ref)
    files = {}
    if parent is not None:
        files = repo.git.files(repo.git.commits[parent].tree)
    for path, data in changes.items():
        if data is None:
            files.pop(path, None)
        else:
            files[path] = repo.git.put_blob(data)
    tree = repo.git.write_files(files)
    sig = signature(state, login, when)
    parents = (parent,) if parent else ()
    sha = repo.git.put_commit(Commit(tree, parents, sig, sig, message))
    move_ref(repo, ref, sha)
    return sha


def move_ref(repo: Repo, ref: str, sha: str) -> None:
    """Point ``ref`` at ``sha``; open pull requests from that branch follow (a push)."""
    repo.git.refs[ref] = sha
    branch = ref.removeprefix("refs/heads/")
    for item in repo.issues.values():
        if item.pull is not None and item.state == "open" and item.pull.head == branch:
            item.pull.head_sha = sha


def auto_init(state: State, repo: Repo, login: str, when: float) -> str:
    """The README.md initial commit GitHub makes for ``auto_init``."""
    readme = f"# {repo.name}\n"
    if repo.description:
        readme += f"{repo.description}\n"
    return commit_changes(
        state,
        repo,
        repo.default_branch,
        {"README.md": readme.encode()},
        "Initial commit",
        login,
        when,
    )
