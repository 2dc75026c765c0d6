"""Webhook deliveries: what a request to the sandbox makes GitHub send to an App (sans-I/O).

Handlers call ``emit``; it records a ``Delivery`` (payload shaped as GitHub's, headers included)
for each App installed on the repository's organization that has a webhook URL and subscribes
to the event. Nothing is sent here: ``pending`` lists what is due, the HTTP server posts it and
calls ``record_attempt``. Deliveries and redeliveries are listed by the App's
``GET /app/hook/deliveries`` (App JWT), as on GitHub.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from typing import Any

from cohort.sandbox import shapes
from cohort.sandbox import shapes_issues as shape
from cohort.sandbox.state import App, Comment, Delivery, Issue, Label, Repo, Review, State
from cohort.sandbox.wire import iso

# The events cohort's App subscribes to, and ``push`` (GitHub sends it to Apps with contents).
DEFAULT_EVENTS = ("issue_comment", "issues", "pull_request", "pull_request_review", "push")


def sign(secret: str, body: bytes) -> str:
    """``X-Hub-Signature-256``: HMAC-SHA256 of the body with the webhook secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _listeners(state: State, repo: Repo, event: str) -> list[App]:
    return [
        a
        for a in state.apps.values()
        if a.org == repo.owner and a.webhook_url and event in a.events
    ]


def _webhook_form(node: Any) -> Any:
    """Repositories inside webhook payloads carry no ``organization`` object (it is top-level)."""
    if isinstance(node, list):
        return [_webhook_form(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _webhook_form(v) for k, v in node.items()}
    if "full_name" in out and isinstance(out.get("organization"), dict):
        del out["organization"]
    return out


def emit(
    state: State, now: float, event: str, repo: Repo, sender: str, body: dict[str, Any]
) -> None:
    """Record the delivery of ``event`` (``body`` holds ``action`` and the event's objects)."""
    apps = _listeners(state, repo, event)
    if not apps:
        return
    common = {
        "repository": shapes.repo_full(state, repo),
        "organization": shapes.org_simple(state.orgs[repo.owner]),
        "sender": shapes.user(state, sender),
    }
    for app in apps:
        payload = {
            **body,
            **common,
            "installation": {
                "id": app.installation_id,
                "node_id": shapes.node_for("Installation", app.installation_id),
            },
        }
        number = state.next_id()
        state.deliveries.append(
            Delivery(
                number,
                str(uuid.UUID(int=number + (state.seed << 64))),
                event,
                body.get("action"),
                json.dumps(_webhook_form(payload)),
                iso(now),
                app.app_id,
                repo.id,
            )
        )


def pending(state: State) -> list[Delivery]:
    """Deliveries not yet attempted, oldest first."""
    return [d for d in state.deliveries if d.status_code == 0]


def request_for(state: State, delivery: Delivery) -> tuple[str, dict[str, str], bytes]:
    """URL, headers and body of one delivery, as GitHub posts it."""
    app = state.apps[delivery.app_id]
    body = delivery.payload.encode()
    headers = {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/sandbox",
        "x-github-event": delivery.event,
        "x-github-delivery": delivery.guid,
        "x-github-hook-id": str(app.app_id),
        "x-github-hook-installation-target-id": str(app.app_id),
        "x-github-hook-installation-target-type": "integration",
        "x-hub-signature-256": sign(app.webhook_secret, body),
    }
    return str(app.webhook_url), headers, body


def record_attempt(delivery: Delivery, status: int, seconds: float) -> None:
    delivery.status_code = status or 599
    delivery.duration = round(seconds, 3)


def redeliver(state: State, delivery: Delivery, now: float) -> Delivery:
    """A new attempt of the same payload and GUID, marked ``redelivery``."""
    number = state.next_id()
    again = Delivery(
        number,
        delivery.guid,
        delivery.event,
        delivery.action,
        delivery.payload,
        iso(now),
        delivery.app_id,
        delivery.repository_id,
        redelivery=True,
    )
    state.deliveries.append(again)
    return again


def delivery_body(d: Delivery, *, full: bool) -> dict[str, Any]:
    """GitHub's hook-delivery-item (and hook-delivery with request/response when ``full``)."""
    status = "OK" if 200 <= d.status_code < 300 else ("pending" if not d.status_code else "failed")
    out: dict[str, Any] = {
        "id": d.id,
        "guid": d.guid,
        "delivered_at": d.delivered_at,
        "redelivery": d.redelivery,
        "duration": d.duration,
        "status": status,
        "status_code": d.status_code,
        "event": d.event,
        "action": d.action,
        "installation_id": None,
        "repository_id": d.repository_id,
        "throttled_at": None,
    }
    if full:
        out["url"] = ""
        out["request"] = {"headers": {"X-GitHub-Event": d.event}, "payload": json.loads(d.payload)}
        out["response"] = {"headers": {}, "payload": None}
    return out


# -- payloads for each event, as handlers call them ---------------------------------------------


def pull_request(
    state: State, now: float, repo: Repo, item: Issue, action: str, sender: str, **extra: Any
) -> None:
    from cohort.sandbox.rest_pulls import stats

    if not _listeners(state, repo, "pull_request"):
        return
    body = {
        "action": action,
        "number": item.number,
        "pull_request": shape.pull(state, repo, item, stats(repo, item)),
        **extra,
    }
    emit(state, now, "pull_request", repo, sender, body)


def labels_changed(
    state: State, now: float, repo: Repo, item: Issue, before: list[int], sender: str
) -> None:
    """``labeled``/``unlabeled`` for each label added to or removed from an issue or PR."""
    if not listening(state):
        return
    by_id = {lab.id: lab for lab in repo.labels}
    for action, ids in (
        ("labeled", [i for i in item.label_ids if i not in before]),
        ("unlabeled", [i for i in before if i not in item.label_ids]),
    ):
        for number in ids:
            if number in by_id:
                _label_event(state, now, repo, item, by_id[number], sender, action)


def _label_event(
    state: State, now: float, repo: Repo, item: Issue, lab: Label, sender: str, action: str
) -> None:
    label = shape.label(repo, lab)
    if item.pull is not None:
        pull_request(state, now, repo, item, action, sender, label=label)
        return
    body = {"action": action, "issue": shape.issue(state, repo, item), "label": label}
    emit(state, now, "issues", repo, sender, body)


def commented(
    state: State, now: float, repo: Repo, item: Issue, made: Comment, sender: str
) -> None:
    if not _listeners(state, repo, "issue_comment"):
        return
    body = {
        "action": "created",
        "issue": shape.issue(state, repo, item),
        "comment": shape.comment(state, repo, item, made),
    }
    emit(state, now, "issue_comment", repo, sender, body)


def reviewed(state: State, now: float, repo: Repo, item: Issue, made: Review, sender: str) -> None:
    if not _listeners(state, repo, "pull_request_review"):
        return
    body = {
        "action": "submitted",
        "review": shape.review(state, repo, item, made),
        "pull_request": shape.pull_simple(state, repo, item),
    }
    emit(state, now, "pull_request_review", repo, sender, body)


def review_requested(
    state: State, now: float, repo: Repo, item: Issue, logins: list[str], sender: str
) -> None:
    for login in logins:
        reviewer = shapes.user(state, login)
        pull_request(
            state, now, repo, item, "review_requested", sender, requested_reviewer=reviewer
        )


def push(
    state: State, now: float, repo: Repo, ref: str, before: str | None, after: str, sender: str
) -> None:
    """A ``push`` event for a branch moving from ``before`` to ``after``."""
    if not _listeners(state, repo, "push"):
        return
    zero = "0" * 40
    commit = repo.git.commits[after]
    pushed = {
        "id": after,
        "tree_id": commit.tree,
        "distinct": True,
        "message": commit.message,
        "timestamp": iso(commit.committer.when),
        "url": f"{shapes.WEB}/{repo.full_name}/commit/{after}",
        "author": {"name": commit.author.name, "email": commit.author.email},
        "committer": {"name": commit.committer.name, "email": commit.committer.email},
        "added": [],
        "removed": [],
        "modified": [],
    }
    body = {
        "ref": ref,
        "before": before or zero,
        "after": after,
        "created": before is None,
        "deleted": False,
        "forced": False,
        "base_ref": None,
        "compare": f"{shapes.WEB}/{repo.full_name}/compare/{(before or zero)[:12]}...{after[:12]}",
        "commits": [pushed],
        "head_commit": pushed,
        "pusher": {"name": sender, "email": None},
    }
    emit(state, now, "push", repo, sender, body)


def listening(state: State) -> bool:
    """Whether any App wants deliveries (so requests pay nothing for webhooks otherwise)."""
    return any(a.webhook_url for a in state.apps.values())


def ref_changes(state: State, now: float, repo: Repo, before: dict[str, str], sender: str) -> None:
    """``push`` for each branch that moved, and ``synchronize`` for pull requests it heads."""
    if not listening(state):
        return
    for ref, sha in repo.git.refs.items():
        if not ref.startswith("refs/heads/") or before.get(ref) == sha:
            continue
        push(state, now, repo, ref, before.get(ref), sha, sender)
        branch = ref.removeprefix("refs/heads/")
        for item in repo.issues.values():
            pr = item.pull
            if pr is not None and item.state == "open" and pr.head == branch:
                pr.head_sha = sha
                pull_request(
                    state, now, repo, item, "synchronize", sender, before=before.get(ref), after=sha
                )
