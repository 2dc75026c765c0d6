"""A real git object store: blobs, trees and commits with the SHA-1s git computes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
FILE_MODE = "100644"
TREE_MODE = "040000"


def object_sha(kind: str, data: bytes) -> str:
    """The SHA-1 git gives an object of ``kind`` with content ``data``."""
    header = f"{kind} {len(data)}\0".encode()
    return hashlib.sha1(header + data, usedforsecurity=False).hexdigest()


def blob_sha(data: bytes) -> str:
    """``git hash-object`` of a file's content."""
    return object_sha("blob", data)


@dataclass(frozen=True)
class TreeEntry:
    """One line of a tree: mode, name, kind (blob|tree) and object SHA-1."""

    mode: str
    name: str
    kind: str
    sha: str


@dataclass(frozen=True)
class Signature:
    """Author or committer of a commit."""

    name: str
    email: str
    when: int

    def line(self) -> str:
        return f"{self.name} <{self.email}> {self.when} +0000"


@dataclass(frozen=True)
class Commit:
    """A parsed commit object."""

    tree: str
    parents: tuple[str, ...]
    author: Signature
    committer: Signature
    message: str

    def encode(self) -> bytes:
        lines = [f"tree {self.tree}"] + [f"parent {p}" for p in self.parents]
        lines += [f"author {self.author.line()}", f"committer {self.committer.line()}"]
        return ("\n".join(lines) + "\n\n" + self.message).encode()


def _tree_sort_key(entry: TreeEntry) -> bytes:
    suffix = "/" if entry.kind == "tree" else ""
    return (entry.name + suffix).encode()


def encode_tree(entries: list[TreeEntry]) -> bytes:
    """Git's binary tree format, entries in git's order."""
    out = b""
    for e in sorted(entries, key=_tree_sort_key):
        mode = e.mode.lstrip("0") if e.kind == "tree" else e.mode
        out += f"{mode} {e.name}\0".encode() + bytes.fromhex(e.sha)
    return out


@dataclass
class GitStore:
    """Objects by SHA-1 and refs by full name (``refs/heads/main``)."""

    blobs: dict[str, bytes] = field(default_factory=dict)
    trees: dict[str, list[TreeEntry]] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not self.refs

    def put_blob(self, data: bytes) -> str:
        sha = blob_sha(data)
        self.blobs[sha] = data
        return sha

    def put_tree(self, entries: list[TreeEntry]) -> str:
        ordered = sorted(entries, key=_tree_sort_key)
        sha = object_sha("tree", encode_tree(ordered))
        self.trees[sha] = ordered
        return sha

    def put_commit(self, commit: Commit) -> str:
        sha = object_sha("commit", commit.encode())
        self.commits[sha] = commit
        return sha

    def kind_of(self, sha: str) -> str | None:
        for kind, table in (("blob", self.blobs), ("tree", self.trees), ("commit", self.commits)):
            if sha in table:
                return kind
        return None

    def files(self, tree_sha: str, prefix: str = "") -> dict[str, str]:
        """Every file under a tree as {path: blob sha}."""
        out: dict[str, str] = {}
        for e in self.trees.get(tree_sha, []):
            path = prefix + e.name
            if e.kind == "tree":
                out.update(self.files(e.sha, path + "/"))
            else:
                out[path] = e.sha
        return out

    def write_files(self, files: dict[str, str]) -> str:
        """Build nested trees from {path: blob sha}; returns the root tree SHA-1."""
        here: list[TreeEntry] = []
        subdirs: dict[str, dict[str, str]] = {}
        for path, sha in files.items():
            head, sep, rest = path.partition("/")
            if sep:
                subdirs.setdefault(head, {})[rest] = sha
            else:
                here.append(TreeEntry(FILE_MODE, head, "blob", sha))
        for name, sub in subdirs.items():
            here.append(TreeEntry(TREE_MODE, name, "tree", self.write_files(sub)))
        return self.put_tree(here)

    def lookup(self, tree_sha: str, path: str) -> TreeEntry | None:
        """The entry at ``path`` below a tree, or None."""
        entry: TreeEntry | None = TreeEntry(TREE_MODE, "", "tree", tree_sha)
        for part in [p for p in path.split("/") if p]:
            if entry is None or entry.kind != "tree":
                return None
            entry = next((e for e in self.trees.get(entry.sha, []) if e.name == part), None)
        return entry

    def history(self, head: str) -> list[str]:
        """Commits reachable from ``head``, newest first (first-parent order)."""
        seen: list[str] = []
        todo = [head]
        while todo:
            sha = todo.pop(0)
            if sha in seen or sha not in self.commits:
                continue
            seen.append(sha)
            todo.extend(self.commits[sha].parents)
        return seen
