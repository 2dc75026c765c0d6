"""The Actions runtime contract: events, outputs, summaries and masks."""

from __future__ import annotations

import json
from pathlib import Path

from cohort.workflow.env import (
    append_summary,
    mask_commands,
    pull_request_ref,
    pushed_commit,
    read_event,
    set_outputs,
)
from tests.workflows.harness import pull_request_event, push_event, read_outputs


def test_pull_request_event_gives_number_head_and_repository(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(pull_request_event("o/r", 7, "a" * 40, "b" * 40)))
    ref = pull_request_ref(read_event({"GITHUB_EVENT_PATH": str(path)}), "o/r")
    assert ref is not None
    assert (ref.repository, ref.number, ref.head_sha, ref.from_fork) == ("o/r", 7, "a" * 40, False)


def test_pull_request_from_a_fork_is_recognised() -> None:
    event = pull_request_event("o/r", 7, "a" * 40, "b" * 40)
    event["pull_request"]["head"]["repo"] = {"full_name": "stranger/r"}
    ref = pull_request_ref(event, "o/r")
    assert ref is not None
    assert ref.from_fork


def test_push_event_gives_the_pushed_commit_else_github_sha() -> None:
    assert pushed_commit(push_event("o/r", "b" * 40, "c" * 40), {}) == "c" * 40
    assert pushed_commit({"after": "0" * 40}, {"GITHUB_SHA": "d" * 40}) == "d" * 40
    assert pull_request_ref(push_event("o/r", "b" * 40, "c" * 40), "o/r") is None


def test_no_event_outside_actions() -> None:
    assert read_event({}) == {}


def test_outputs_survive_newlines_and_lookalike_delimiters(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("")
    tricky = "line one\nEOF\nname=x"
    set_outputs({"plan-digest": "abc", "note": tricky}, {"GITHUB_OUTPUT": str(out)})
    assert read_outputs(out) == {"plan-digest": "abc", "note": tricky}


def test_summary_appends_and_is_silent_outside_actions(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    append_summary("# one", {"GITHUB_STEP_SUMMARY": str(target)})
    append_summary("two\n", {"GITHUB_STEP_SUMMARY": str(target)})
    append_summary("ignored", {})
    assert target.read_text() == "# one\ntwo\n"


def test_masks_cover_every_line_of_key_material_but_not_pem_armour() -> None:
    key = "-----BEGIN PRIVATE KEY-----\nAAAA\nBBBB\n-----END PRIVATE KEY-----\n"
    assert mask_commands(key) == ["::add-mask::AAAA", "::add-mask::BBBB"]
    assert mask_commands("") == []
