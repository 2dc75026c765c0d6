"""Show a plan to people and scripts: text (grouped per team), markdown for PRs, JSON (pure)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from cohort.config.naming import MARKER_PREFIX
from cohort.reconcile.plan import Change, Plan

SYMBOL = {"create": "+", "update": "~", "remove": "-", "archive": "!"}
COMMENT_LIMIT = 65_536
PLAN_MARKER = MARKER_PREFIX + "plan digest={digest} -->"


def summary_line(plan: Plan) -> str:
    if plan.empty:
        return "No changes. The organization matches the cohort."
    n = plan.counts()
    parts = [f"{n['create']} to create", f"{n['update']} to update"]
    if n["remove"]:
        parts.append(f"{n['remove']} to remove")
    if n["archive"]:
        parts.append(f"{n['archive']} to archive")
    return f"Plan: {', '.join(parts)} ({len(plan.changes)} changes)."


def _groups(plan: Plan) -> dict[str, list[Change]]:
    groups: dict[str, list[Change]] = defaultdict(list)
    for change in plan.changes:
        groups[f"team {change.team}" if change.team else "organization"].append(change)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] != "organization", kv[0])))


def _line(change: Change) -> str:
    details = ", ".join(f"{k}: {v}" for k, v in change.details)
    tail = f"  ({details})" if details else ""
    return f"{SYMBOL[change.action]} {change.kind} {change.target}{tail}"


def _compact(changes: list[Change]) -> list[tuple[str, str]]:
    """(action, line): runs of more than three plain creations of one kind share a line."""
    out: list[tuple[str, str]] = []
    run: list[Change] = []
    for change in [*changes, None]:
        if run and (
            change is None
            or (change.kind, change.action) != (run[0].kind, run[0].action)
            or change.details
        ):
            if len(run) > 3:
                names = ", ".join(c.target for c in run)
                out.append(
                    (run[0].action, f"{SYMBOL[run[0].action]} {len(run)} {run[0].kind}s: {names}")
                )
            else:
                out += [(c.action, _line(c)) for c in run]
            run = []
        if change is None:
            break
        if change.details:
            out.append((change.action, _line(change)))
        else:
            run.append(change)
    return out


def render_text(plan: Plan, *, color: bool = False) -> str:
    """Readable text grouped per team, ``+ ~ -`` per change; long runs of one kind share a line."""
    lines = [f"cohort plan for organization {plan.org}", ""]
    for group, changes in _groups(plan).items():
        lines.append(f"{group}:")
        lines += [f"  {_paint(text, action, color)}" for action, text in _compact(changes)]
        lines.append("")
    lines += [f"note: {note}" for note in plan.notes]
    lines.append(summary_line(plan))
    return "\n".join(lines) + "\n"


def _paint(text: str, action: str, color: bool) -> str:
    if not color:
        return text
    code = {"create": "32", "update": "33", "remove": "31", "archive": "35"}[action]
    return f"\x1b[{code}m{text}\x1b[0m"


def render_markdown(plan: Plan, *, limit: int = COMMENT_LIMIT) -> str:
    """A PR comment: summary on top, details folded per team, within GitHub's size limit."""
    head = [f"### cohort plan for `{plan.org}`", "", f"**{summary_line(plan)}**", ""]
    head += [f"> [!WARNING]\n> {note}\n" for note in plan.notes]
    destructive = plan.destructive()
    if destructive:
        head.append(f"**{len(destructive)} destructive change(s)** need an explicit flag:\n")
        head += [f"- `{_line(c)}`" for c in destructive[:20]]
        head.append("")
    tail = ["", PLAN_MARKER.format(digest=plan.digest())]
    body = list(_details(plan))
    text = "\n".join(head + body + tail)
    while len(text) > limit and body:
        body = [*body[: len(body) // 2], "", "_… details cut to fit a comment; run `cohort plan`._"]
        text = "\n".join(head + body + tail)
    return text + "\n"


def _details(plan: Plan) -> Iterable[str]:
    for group, changes in _groups(plan).items():
        yield f"<details><summary>{group}: {len(changes)} change(s)</summary>\n\n```diff"
        yield from (text for _, text in _compact(changes))
        yield "```\n</details>"


def render_json(plan: Plan) -> str:
    body = {
        "organization": plan.org,
        "digest": plan.digest(),
        "empty": plan.empty,
        "counts": plan.counts(),
        "notes": list(plan.notes),
        "changes": [c.as_json() for c in plan.changes],
        "destructive": [c.key() for c in plan.destructive()],
    }
    return json.dumps(body, indent=2) + "\n"
