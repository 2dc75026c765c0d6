"""Propose a new version of a template to an existing team repository: a three-way merge (pure).

The base of every file is the version cohort last committed, recorded by its git blob SHA in
the repository's stamp (``.cohort/template.json``, key ``files``). Against it stand the new
rendering and the team's current file:

- the template did not change a file → nothing to do, whatever the team did;
- the team did not change it → the new version is proposed (added, updated or deleted);
- both changed it → the text is merged line by line; a clean merge is proposed, anything
  else is a conflict: the team's file stays untouched and the template's new version is put
  beside it under ``.cohort/proposed/`` for the team to take what they want.

A team's own change is therefore never overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from merge3 import Merge3

from cohort.reconcile.model import blob_sha
from cohort.templates.model import CODEOWNERS_PATH, STAMP_PATH, RenderedProject

PROPOSED_DIR = ".cohort/proposed"
# Kept in line with cohort.yml by apply itself, never by a template update.
NOT_UPDATED = frozenset({CODEOWNERS_PATH, STAMP_PATH})

Action = Literal["add", "update", "delete", "merge"]


@dataclass(frozen=True)
class Stamp:
    """What the repository says it was generated from."""

    template: str
    version: str
    files: Mapping[str, str] | None  # path → blob SHA; None for stamps written before 0.2


@dataclass(frozen=True)
class FileChange:
    path: str
    action: Action


@dataclass(frozen=True)
class Conflict:
    path: str
    reason: str


@dataclass(frozen=True)
class TemplateUpdate:
    """Everything one pull request proposes to one repository."""

    template: str
    from_version: str
    to_version: str
    writes: Mapping[str, bytes] = field(default_factory=dict)
    deletions: tuple[str, ...] = ()
    changes: tuple[FileChange, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.changes and not self.conflicts


def parse_stamp(data: bytes) -> Stamp | None:
    """The stamp of a repository, or None when the file is not one of cohort's."""
    try:
        raw = json.loads(data)
    except ValueError:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("template"), str):
        return None
    files = raw.get("files")
    valid = isinstance(files, dict) and all(isinstance(v, str) for v in files.values())
    return Stamp(raw["template"], str(raw.get("version", "")), files if valid else None)


def blobs_needed(new: RenderedProject, stamp: Stamp, current: Mapping[str, str]) -> frozenset[str]:
    """Blob SHAs whose text the merge needs: base and current of files both sides changed."""
    needed: set[str] = set()
    for path in _candidates(new, stamp):
        verdict = _classify(path, new, stamp, current)
        if verdict == "both":
            base, cur = (stamp.files or {}).get(path), current.get(path)
            needed.update(sha for sha in (base, cur) if sha)
    return frozenset(needed)


def plan_update(
    new: RenderedProject,
    stamp: Stamp,
    current: Mapping[str, str],
    blobs: Mapping[str, bytes],
) -> TemplateUpdate:
    """What to propose, given the repository's files (path → blob SHA) and the needed blobs."""
    writes: dict[str, bytes] = {}
    deletions: list[str] = []
    changes: list[FileChange] = []
    conflicts: list[Conflict] = []
    for path in _candidates(new, stamp):
        verdict = _classify(path, new, stamp, current)
        if verdict == "skip":
            continue
        if verdict == "take":
            if path in new.files:
                writes[path] = new.files[path]
                changes.append(FileChange(path, "update" if path in current else "add"))
            else:
                deletions.append(path)
                changes.append(FileChange(path, "delete"))
            continue
        merged, reason = _merge(path, new, stamp, current, blobs)
        if merged is not None:
            writes[path] = merged
            changes.append(FileChange(path, "merge"))
        else:
            conflicts.append(Conflict(path, reason))
            if path in new.files:
                writes[f"{PROPOSED_DIR}/{path}"] = new.files[path]
    if changes or conflicts or current.get(STAMP_PATH) != blob_sha(new.files[STAMP_PATH]):
        writes[STAMP_PATH] = new.files[STAMP_PATH]
    return TemplateUpdate(
        template=new.template,
        from_version=stamp.version,
        to_version=new.version,
        writes=dict(sorted(writes.items())),
        deletions=tuple(deletions),
        changes=tuple(changes),
        conflicts=tuple(conflicts),
    )


def _candidates(new: RenderedProject, stamp: Stamp) -> list[str]:
    paths = set(new.files) | set(stamp.files or {})
    return sorted(p for p in paths if p not in NOT_UPDATED)


def _classify(
    path: str, new: RenderedProject, stamp: Stamp, current: Mapping[str, str]
) -> Literal["skip", "take", "both"]:
    """skip: nothing to propose; take: the new version as is; both: a three-way merge."""
    new_sha = blob_sha(new.files[path]) if path in new.files else None
    cur_sha = current.get(path)
    if cur_sha == new_sha:
        return "skip"
    if stamp.files is None:  # no recorded base: only files the team never had are safe
        return "take" if cur_sha is None and new_sha is not None else "both"
    base_sha = stamp.files.get(path)
    if new_sha == base_sha:
        return "skip"
    return "take" if cur_sha == base_sha else "both"


def _merge(
    path: str,
    new: RenderedProject,
    stamp: Stamp,
    current: Mapping[str, str],
    blobs: Mapping[str, bytes],
) -> tuple[bytes | None, str]:
    """A clean three-way merge of the file, or None and why not."""
    base_sha, cur_sha = (stamp.files or {}).get(path), current.get(path)
    if cur_sha is None:
        return None, "deleted by the team, changed by the template"
    if path not in new.files:
        return None, "changed by the team, removed from the template"
    if base_sha is None or base_sha not in blobs or cur_sha not in blobs:
        return None, "changed by the team; the version cohort committed is not known"
    texts = [_text(blobs[base_sha]), _text(blobs[cur_sha]), _text(new.files[path])]
    if any(t is None for t in texts):
        return None, "a binary file changed by the team and by the template"
    base, ours, theirs = (t.splitlines(keepends=True) for t in texts if t is not None)
    merger = Merge3(base, ours, theirs)
    if any(region[0] == "conflict" for region in merger.merge_regions()):
        return None, "the team and the template changed the same lines"
    return "".join(merger.merge_lines()).encode(), ""


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def pull_request_body(update: TemplateUpdate, repo: str) -> str:
    """The pull request's text: what changes, what conflicts, and what the team does next."""
    lines = [
        f"The organizers updated the `{update.template}` template "
        f"({update.from_version or 'unknown'} → {update.to_version}). This pull request proposes "
        f"the change to `{repo}`. Your own edits are kept: cohort never overwrites a file the "
        "team changed.",
        "",
    ]
    if update.changes:
        lines += ["| file | change |", "|---|---|"]
        lines += [f"| `{c.path}` | {_ACTION_WORDS[c.action]} |" for c in update.changes]
        lines.append("")
    if update.conflicts:
        lines += [
            "### Needs a decision by the team",
            "",
            "These files were changed both by the team and by the template, so they are left "
            f"as they are. The template's new version of each is in `{PROPOSED_DIR}/`: compare, "
            "take what you want into your file, then delete the proposed copy in this branch.",
            "",
        ]
        lines += [f"- `{c.path}`: {c.reason}" for c in update.conflicts]
        lines.append("")
    lines += [
        "Review it like any pull request: CI runs, a mentor approves, the team merges. "
        "Closing it without merging is fine too.",
        "",
        f"<!-- cohort:template-update {update.template}@{update.to_version} -->",
    ]
    return "\n".join(lines)


_ACTION_WORDS: Mapping[Action, str] = {
    "add": "new file",
    "update": "updated (the team had not changed it)",
    "delete": "removed from the template (the team had not changed it)",
    "merge": "merged with the team's changes (no overlap)",
}
