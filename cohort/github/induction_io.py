"""Induction on GitHub: one issue per mentor in the organizer repo, and the cohort.yml proposal."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Literal

from cohort.config.model import CohortFile
from cohort.errors import UsageError
from cohort.github.file_pr import open_file_pr, put_file
from cohort.github.mentoring_io import Marked, create_once, file_text, list_labelled
from cohort.github.ports import RestPort
from cohort.mentoring.cohort_patch import induction_diff, mark_inducted
from cohort.mentoring.induction import (
    GUIDE_PATH,
    INDUCTION_LABEL,
    InductionIssue,
    default_guide,
    induction_body,
    induction_handle,
    induction_title,
)

Mode = Literal["patch", "commit", "pr"]


@dataclass(frozen=True)
class Proposal:
    """What proposing did: the diff, and the commit or pull request that carries it."""

    handles: tuple[str, ...]
    diff: str
    mode: Mode
    url: str | None = None


def organizer_repo(cohort: CohortFile) -> str:
    if not cohort.program.organizer_repo:
        raise UsageError("induction needs program.organizer_repo in cohort.yml")
    return f"{cohort.program.organization}/{cohort.program.organizer_repo}"


def read_inductions(client: RestPort, cohort: CohortFile) -> list[InductionIssue]:
    """Induction issues in the organizer repo (the newest one per mentor)."""
    out: dict[str, InductionIssue] = {}
    for issue in list_labelled(client, organizer_repo(cohort), INDUCTION_LABEL):
        handle = induction_handle(issue.body)
        if handle is not None and handle.lower() not in out:
            out[handle.lower()] = InductionIssue(
                issue.number, handle, issue.state, issue.body, issue.url
            )
    return list(out.values())


def read_guide(client: RestPort, cohort: CohortFile) -> str:
    """The organizer's guide (mentoring/induction.md in the organizer repo), else the default."""
    found = file_text(client, organizer_repo(cohort), GUIDE_PATH)
    return found[0] if found else default_guide()


def open_inductions(client: RestPort, cohort: CohortFile) -> list[int]:
    """An induction issue for every pending mentor who has none yet; returns new numbers."""
    repo = organizer_repo(cohort)
    have = {i.handle.lower() for i in read_inductions(client, cohort)}
    todo = [m for m in cohort.mentors if m.induction == "pending" and m.handle.lower() not in have]
    guide = read_guide(client, cohort) if todo else ""
    made = []
    for mentor in todo:
        payload = {
            "title": induction_title(cohort, mentor),
            "body": induction_body(cohort, mentor, guide),
            "labels": [INDUCTION_LABEL],
        }
        refind = partial(_refind, client, cohort, mentor.handle)
        number, _ = create_once(client, repo, payload, refind)
        made.append(number)
    return made


def _refind(client: RestPort, cohort: CohortFile, handle: str) -> Marked | None:
    for issue in list_labelled(client, organizer_repo(cohort), INDUCTION_LABEL):
        if (induction_handle(issue.body) or "").lower() == handle.lower():
            return issue
    return None


def propose(
    client: RestPort, cohort: CohortFile, handles: list[str], mode: Mode, path: str
) -> Proposal | None:
    """Set ``induction: completed`` for ``handles`` in the organizer repo's cohort file."""
    repo = organizer_repo(cohort)
    found = file_text(client, repo, path)
    if found is None:
        raise UsageError(f"{repo} has no {path}; pass --cohort-path")
    old, sha = found
    new = mark_inducted(old, handles, path)
    if new == old:
        return None
    diff = induction_diff(old, new, path)
    names = ", ".join(f"@{h}" for h in handles)
    message = f"Record the finished mentor induction of {names}"
    if mode == "patch":
        return Proposal(tuple(handles), diff, mode)
    if mode == "commit":
        put_file(client, repo, path, new, sha, message)
        return Proposal(tuple(handles), diff, mode, f"{repo}:{path}")
    return Proposal(
        tuple(handles), diff, mode, _pull(client, repo, path, new, sha, handles, message)
    )


def _pull(
    client: RestPort, repo: str, path: str, text: str, sha: str, handles: list[str], message: str
) -> str:
    """A branch named after the mentors, the commit on it, and a pull request (reused if open)."""
    body = (
        f"{message}.\n\nTheir induction issues are closed with every box ticked. "
        "Merging this pull request records it in the cohort file, so that they can lead teams."
    )
    branch = "cohort/induction-" + "-".join(sorted(h.lower() for h in handles))
    return open_file_pr(client, repo, path, text, sha, branch=branch, title=message, body=body)
