"""Evaluations on GitHub: forms in a private repo, a tracking issue per round, one reminder."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from functools import partial

from cohort.config.model import CohortFile
from cohort.config.naming import marker
from cohort.errors import UsageError
from cohort.github import routes
from cohort.github.mentoring_io import (
    Action,
    Marked,
    comments,
    file_text,
    list_labelled,
    upsert,
)
from cohort.github.ports import RestPort
from cohort.mentoring.evaluations import (
    EVALUATION_LABEL,
    Round,
    Submission,
    expected,
    reminder_text,
    schedule,
    tracking_body,
    tracking_title,
)
from cohort.mentoring.forms import form_files

STATUS_LABEL = "cohort: evaluation status"


@dataclass(frozen=True)
class RoundResult:
    """What the run did for one open round."""

    kind: str
    number: int
    action: Action
    answered: int
    expected: int
    reminded: bool


def run_evaluations(
    client: RestPort, cohort: CohortFile, repo: str, today: dt.date, web_url: str
) -> tuple[list[str], list[RoundResult]]:
    """Keep the forms in ``repo`` (private) and the tracking issue of every open round."""
    _require_private(client, repo)
    written = _write_forms(client, repo)
    rounds = [r for r in schedule(cohort) if r.is_open(today)]
    if not rounds:
        return written, []
    found = [
        Submission(i.author, i.labels, i.number)
        for i in list_labelled(client, repo, EVALUATION_LABEL)
    ]
    results = [_round(client, cohort, repo, r, today, found, web_url) for r in rounds]
    return written, results


def _require_private(client: RestPort, repo: str) -> None:
    info = client.call(routes.GET_REPO, repo=repo)
    if not info.get("private"):
        raise UsageError(
            f"{repo} is public; evaluations hold personal feedback, so use a private "
            "repository (--repo)"
        )


def _write_forms(client: RestPort, repo: str) -> list[str]:
    """Create or update each form file that differs; returns the paths written."""
    written = []
    for path, text in form_files().items():
        have = file_text(client, repo, path)
        if have is not None and have[0] == text:
            continue
        body = {
            "message": f"Evaluation form {path}",
            "content": base64.b64encode(text.encode()).decode(),
        }
        if have is not None:
            body["sha"] = have[1]
        client.call(routes.PUT_CONTENT, body=body, repo=repo, path=path)
        written.append(path)
    return written


def _tracking(client: RestPort, repo: str, kind: str) -> Marked | None:
    tag = marker("evaluation", kind)
    return next((i for i in list_labelled(client, repo, STATUS_LABEL) if tag in i.body), None)


def _round(
    client: RestPort,
    cohort: CohortFile,
    repo: str,
    r: Round,
    today: dt.date,
    found: list[Submission],
    web_url: str,
) -> RoundResult:
    rows = expected(cohort, r.kind, found)
    body = tracking_body(cohort, r, rows, f"{web_url}/{repo}")
    payload = {"title": tracking_title(cohort, r), "body": body, "labels": [STATUS_LABEL]}
    refind = partial(_tracking, client, repo, r.kind)
    number, _, action = upsert(client, repo, refind(), payload, refind)
    reminded = False
    text = reminder_text(r, rows)
    if r.remind(today) and text is not None:
        tag = marker("evaluation-reminder", r.kind)
        if not any(tag in b for _, b in comments(client, repo, number)):
            client.call(routes.CREATE_COMMENT, body={"body": text}, repo=repo, number=number)
            reminded = True
    done = sum(1 for x in rows if x.submitted)
    return RoundResult(r.kind, number, action, done, len(rows), reminded)
