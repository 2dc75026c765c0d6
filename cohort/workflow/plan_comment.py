"""The one plan comment on a pull request: its hidden markers, composed and read back (pure)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cohort.config.naming import MARKER_PREFIX

DIGEST_MARKER = MARKER_PREFIX + "plan digest="
REVIEWED_MARKER = MARKER_PREFIX + "plan-reviewed "
DEFAULT_AUTHOR = "github-actions[bot]"
_DIGEST = re.compile(re.escape(DIGEST_MARKER) + r"([0-9a-f]{64}) -->")
_REVIEWED = re.compile(re.escape(REVIEWED_MARKER) + r"(\{.*?\}) -->")


@dataclass(frozen=True)
class ReviewedPlan:
    """What reviewers saw on the PR: the plan digest and its destructive change keys."""

    digest: str
    destructive: tuple[str, ...]
    head_sha: str = ""

    def as_json(self) -> dict[str, Any]:
        """The shape ``cohort apply --reviewed-plan`` reads."""
        return {"digest": self.digest, "destructive": list(self.destructive)}


# Nothing can be reviewed when no plan comment is found: every destructive change is refused.
NOTHING_REVIEWED = ReviewedPlan(digest="none", destructive=())


def reviewed_marker(destructive: Sequence[str], head_sha: str) -> str:
    """The hidden line carrying the destructive keys and the commit the plan was made at."""
    payload = json.dumps({"head": head_sha, "destructive": list(destructive)}, sort_keys=True)
    safe = payload.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"{REVIEWED_MARKER}{safe} -->"


def compose(markdown: str, destructive: Sequence[str], head_sha: str) -> str:
    """The comment body: the rendered plan (digest marker last) plus the reviewed marker."""
    if not _DIGEST.search(markdown):
        raise ValueError("the plan markdown has no digest marker; render it with plan --format")
    return markdown.rstrip("\n") + "\n" + reviewed_marker(destructive, head_sha) + "\n"


def is_plan_comment(comment: Mapping[str, Any], author: str = DEFAULT_AUTHOR) -> bool:
    """A comment written by the trusted author that carries a plan digest marker."""
    login = (comment.get("user") or {}).get("login")
    return login == author and _DIGEST.search(str(comment.get("body") or "")) is not None


def find_plan_comment(
    comments: Iterable[Mapping[str, Any]], author: str = DEFAULT_AUTHOR
) -> Mapping[str, Any] | None:
    """The newest plan comment by the trusted author (other people's copies are ignored)."""
    found = [c for c in comments if is_plan_comment(c, author)]
    return found[-1] if found else None


def parse_reviewed(body: str) -> ReviewedPlan | None:
    """The reviewed plan held by a comment body, or None when its markers are missing."""
    digest = _DIGEST.search(body)
    reviewed = _REVIEWED.search(body)
    if digest is None or reviewed is None:
        return None
    try:
        data = json.loads(reviewed.group(1))
        keys = tuple(str(k) for k in data["destructive"])
        head = str(data.get("head", ""))
    except (ValueError, KeyError, TypeError):
        return None
    return ReviewedPlan(digest.group(1), keys, head)
