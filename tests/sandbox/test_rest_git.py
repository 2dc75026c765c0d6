"""Git data: refs, blobs, trees and commits, with SHA-1s equal to git's own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from githubkit import GitHub
from githubkit.exception import RequestFailed

from cohort.sandbox import Sandbox
from cohort.sandbox.git import GitStore, blob_sha


@pytest.mark.parametrize("data", [b"", b"hello\n", "üñí\n".encode(), bytes(range(256))])
def test_blob_sha_equals_git_hash_object(tmp_path: Path, data: bytes) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    path = tmp_path / "f"
    path.write_bytes(data)
    out = subprocess.run([git, "hash-object", str(path)], capture_output=True, check=True)
    assert blob_sha(data) == out.stdout.decode().strip()


def test_tree_and_commit_shas_equal_git(tmp_path: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    store = GitStore()
    files = {"README.md": b"# r\n", "src/a.py": b"x = 1\n", "src/b/c.txt": b"c"}
    tree = store.write_files({p: store.put_blob(d) for p, d in files.items()})
    repo = tmp_path / "repo"
    subprocess.run([git, "init", "-q", str(repo)], check=True)
    for path, data in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_bytes(data)
    subprocess.run([git, "-C", str(repo), "add", "-A"], check=True)
    out = subprocess.run([git, "-C", str(repo), "write-tree"], capture_output=True, check=True)
    assert tree == out.stdout.decode().strip()


def test_git_data_on_empty_repo_is_409(gh: GitHub[Any]) -> None:
    gh.rest.repos.create_in_org("acme", name="empty")
    with pytest.raises(RequestFailed) as err:
        gh.rest.git.get_ref("acme", "empty", "heads/main")
    assert err.value.response.status_code == 409
    assert err.value.response.json()["message"] == "Git Repository is empty."


def test_blob_tree_commit_ref_round_trip(gh: GitHub[Any], sb: Sandbox, repo: str) -> None:
    head = gh.rest.git.get_ref("acme", repo, "heads/main").parsed_data.object_.sha
    base_tree = gh.rest.git.get_commit("acme", repo, head).parsed_data.tree.sha
    blob = gh.rest.git.create_blob("acme", repo, content="aGkK", encoding="base64").parsed_data
    assert blob.sha == blob_sha(b"hi\n")
    assert gh.rest.git.get_blob("acme", repo, blob.sha).parsed_data.size == 3
    tree = gh.rest.git.create_tree(
        "acme",
        repo,
        base_tree=base_tree,
        tree=[
            {"path": "a/hi.txt", "mode": "100644", "type": "blob", "sha": blob.sha},
            {"path": "b.txt", "mode": "100644", "type": "blob", "content": "b"},
        ],
    ).parsed_data
    commit = gh.rest.git.create_commit(
        "acme", repo, message="two files", tree=tree.sha, parents=[head]
    ).parsed_data
    gh.rest.git.update_ref("acme", repo, "heads/main", sha=commit.sha)
    assert sb.files("acme/proj") == {
        "README.md": b"# proj\ndemo\n",
        "a/hi.txt": b"hi\n",
        "b.txt": b"b",
    }
    listed = gh.rest.git.get_tree("acme", repo, tree.sha, recursive="1").parsed_data
    assert {e.path for e in listed.tree} == {"README.md", "a", "a/hi.txt", "b.txt"}
    gh.rest.git.create_ref("acme", repo, ref="refs/heads/feature", sha=head)
    assert sb.state.repos["acme/proj"].git.refs["refs/heads/feature"] == head


def test_non_fast_forward_update_is_refused(gh: GitHub[Any], repo: str) -> None:
    head = gh.rest.git.get_ref("acme", repo, "heads/main").parsed_data.object_.sha
    tree = gh.rest.git.get_commit("acme", repo, head).parsed_data.tree.sha
    orphan = gh.rest.git.create_commit("acme", repo, message="o", tree=tree, parents=[])
    with pytest.raises(RequestFailed) as err:
        gh.rest.git.update_ref("acme", repo, "heads/main", sha=orphan.parsed_data.sha)
    assert err.value.response.status_code == 422
