"""Build the commit that writes a repository's scaffold or managed files."""

from __future__ import annotations

from cohort import commits
from cohort.github import mutations as mut
from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, each, register_writer
from cohort.reconcile.kinds.files import FilesPayload
from cohort.reconcile.plan import Change


def _files(change: Change, ctx: WriteContext) -> mut.Mutation:
    p = change.payload_as(FilesPayload)
    want = ctx.desired.repos[p.repo]
    source = {**want.scaffold, **want.managed_files}
    files = {path: source[path] for path in p.files}
    branch, head = ctx.head(p.repo)
    headline = commits.SCAFFOLD if change.action == "create" else commits.CODE_OWNERS
    return mut.commit_files(f"{ctx.org}/{p.repo}", branch, head, files, headline)


WRITER = register_writer(Writer("files", 40, build=each(_files), needs=(routes.COMMIT_FILES,)))
