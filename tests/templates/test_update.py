"""The three-way template update, as a value: every case of base, team and template."""

from __future__ import annotations

import json

from cohort.reconcile.model import blob_sha
from cohort.templates.model import STAMP_PATH, RenderedProject
from cohort.templates.update import (
    PROPOSED_DIR,
    Stamp,
    TemplateUpdate,
    blobs_needed,
    parse_stamp,
    plan_update,
    pull_request_body,
)

BASE = {
    "README.md": b"# Title\n\nintro\n\nrun it\n",
    "ci.yml": b"node: 22\n",
    "old.txt": b"removed later\n",
    "notes.md": b"one\ntwo\nthree\nfour\nfive\n",
}


def _project(files: dict[str, bytes], version: str = "2.0.0") -> RenderedProject:
    stamp = json.dumps({"template": "web", "version": version, "files": {}}).encode()
    return RenderedProject("web", version, {**files, STAMP_PATH: stamp}, ())


def _stamp(files: dict[str, bytes] | None = BASE) -> Stamp:
    shas = None if files is None else {p: blob_sha(d) for p, d in files.items()}
    return Stamp("web", "1.0.0", shas)


def _shas(files: dict[str, bytes]) -> dict[str, str]:
    return {p: blob_sha(d) for p, d in files.items()}


def _plan(
    new: dict[str, bytes], team: dict[str, bytes], stamp: Stamp | None = None
) -> TemplateUpdate:
    project = _project(new)
    chosen = stamp or _stamp()
    current = _shas(team)
    needed = blobs_needed(project, chosen, current)
    pool = {blob_sha(d): d for d in [*BASE.values(), *team.values()]}
    return plan_update(project, chosen, current, {s: pool[s] for s in needed})


def test_files_only_the_template_changed_are_taken_as_they_are() -> None:
    new = {**BASE, "ci.yml": b"node: 24\n", "lint.yml": b"eslint\n"}
    del new["old.txt"]
    update = _plan(new, dict(BASE))
    assert {(c.path, c.action) for c in update.changes} == {
        ("ci.yml", "update"),
        ("lint.yml", "add"),
        ("old.txt", "delete"),
    }
    assert update.writes["ci.yml"] == b"node: 24\n"
    assert update.deletions == ("old.txt",)
    assert not update.conflicts
    assert STAMP_PATH in update.writes


def test_a_file_only_the_team_changed_is_left_alone() -> None:
    team = {**BASE, "README.md": b"# Our title\n"}
    update = _plan(dict(BASE), team)
    assert update.empty
    assert "README.md" not in update.writes


def test_changes_on_different_lines_merge_cleanly() -> None:
    team = {**BASE, "notes.md": b"ONE by the team\ntwo\nthree\nfour\nfive\n"}
    new = {**BASE, "notes.md": b"one\ntwo\nthree\nfour\nFIVE from the template\n"}
    update = _plan(new, team)
    assert [(c.path, c.action) for c in update.changes] == [("notes.md", "merge")]
    assert (
        update.writes["notes.md"] == b"ONE by the team\ntwo\nthree\nfour\nFIVE from the template\n"
    )


def test_the_same_lines_changed_on_both_sides_are_a_conflict_and_the_team_keeps_its_file() -> None:
    team = {**BASE, "README.md": b"# Title\n\nour intro\n\nrun it\n"}
    new = {**BASE, "README.md": b"# Title\n\nnew intro\n\nrun it\n"}
    update = _plan(new, team)
    assert [c.path for c in update.conflicts] == ["README.md"]
    assert "README.md" not in update.writes
    assert update.writes[f"{PROPOSED_DIR}/README.md"] == new["README.md"]
    body = pull_request_body(update, "org/repo")
    assert "`README.md`: the team and the template changed the same lines" in body
    assert f"`{PROPOSED_DIR}/`" in body


def test_a_file_the_team_deleted_is_not_brought_back() -> None:
    team = dict(BASE)
    del team["ci.yml"]
    update = _plan({**BASE, "ci.yml": b"node: 24\n"}, team)
    assert [(c.path, c.reason) for c in update.conflicts] == [
        ("ci.yml", "deleted by the team, changed by the template")
    ]
    assert "ci.yml" not in update.writes


def test_a_repository_that_already_has_the_new_version_gets_only_the_stamp() -> None:
    new = {**BASE, "ci.yml": b"node: 24\n"}
    update = _plan(new, dict(new))
    assert update.empty
    assert list(update.writes) == [STAMP_PATH]


def test_without_a_recorded_base_only_files_the_team_never_had_are_added() -> None:
    new = {**BASE, "ci.yml": b"node: 24\n", "lint.yml": b"eslint\n"}
    update = _plan(new, dict(BASE), stamp=_stamp(None))
    assert [(c.path, c.action) for c in update.changes] == [("lint.yml", "add")]
    assert [c.path for c in update.conflicts] == ["ci.yml"]


def test_stamps_are_parsed_and_foreign_files_refused() -> None:
    stamp = parse_stamp(b'{"template": "web", "version": "1.0.0", "files": {"a": "b"}}')
    assert stamp == Stamp("web", "1.0.0", {"a": "b"})
    assert parse_stamp(b'{"template": "web", "version": "1"}') == Stamp("web", "1", None)
    assert parse_stamp(b"not json") is None
    assert parse_stamp(b"[1]") is None
