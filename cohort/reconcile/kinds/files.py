"""files: the scaffold once (until its stamp exists), then only the managed files."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import STAMP_PATH, ActualRepo, DesiredRepo, blob_sha
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, per_repo, register


@dataclass(frozen=True)
class FilesPayload(Payload):
    repo: str
    files: dict[str, str]  # path -> blob sha of the content to write (content is in desired)


def diff_files(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    oids = have.file_oids if have else {}
    files = want.managed_files if oids.get(STAMP_PATH) else want.scaffold
    shas = {path: blob_sha(content) for path, content in sorted(files.items())}
    changed = {path: sha for path, sha in shas.items() if oids.get(path) != sha}
    if not changed:
        return []
    scaffolding = not oids.get(STAMP_PATH)
    target = f"{len(changed)} scaffold files" if scaffolding else ", ".join(changed)
    details = (
        ()
        if scaffolding
        else tuple((p, "added" if oids.get(p) is None else "changed") for p in changed)
    )
    return [
        Change(
            kind="files",
            action="create" if scaffolding else "update",
            repo=want.name,
            team=want.team,
            target=target,
            details=details,
            payload=FilesPayload(repo=want.name, files=changed),
        )
    ]


KIND = register(KindSpec("files", 50, FilesPayload, per_repo(diff_files)))
