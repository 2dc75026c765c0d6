"""The one plan comment on a pull request: its hidden markers, composed and read back (pure)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cohort.config.naming import MARKER_PREFIX

DIGEST_MARKER = MARKER_PREFIX + "plan digest="
REVIEWED_MARKER = MARKER_PREFIX + "plan-reviewed "
DEFAULT_AUTHOR = "github-actions[bot]"
_DIGEST = re.compile(re.escape(DIGEST_MARKER) + r"([0-9a-f]{64}) -->")
_REVIEWED = re.compile(re.escape(REVIEWED_MARKER) + r"(\{.*?\}) -->")


@dataclass(frozen=True)
class ReviewedPlan:
    """What reviewers saw on the PR: the plan digest and its destructive change keys.

    ``signature`` binds digest, keys, head, repository and PR number with a key only the
    default-branch workflows hold; a digest alone proves nothing (anyone can recompute it).
    """

    digest: str
    destructive: tuple[str, ...]
    head_sha: str = ""
    repository: str = ""
    number: int = 0
    signature: str = ""

    def as_json(self) -> dict[str, Any]:
        """The shape ``cohort apply --reviewed-plan`` reads (signature included)."""
        return {
            "digest": self.digest,
            "destructive": list(self.destructive),
            "head": self.head_sha,
            "repository": self.repository,
            "pr": self.number,
            "signature": self.signature,
        }

    def signed_text(self) -> bytes:
        """The canonical bytes the signature covers."""
        body = {
            "digest": self.digest,
            "destructive": list(self.destructive),
            "head": self.head_sha,
            "pr": self.number,
            "repository": self.repository,
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    def signed(self, key: bytes) -> ReviewedPlan:
        """This plan with its signature under ``key``."""
        mac = hmac.new(key, SIGNATURE_CONTEXT + self.signed_text(), hashlib.sha256).hexdigest()
        return replace(self, signature=mac)

    def verified(self, key: bytes) -> bool:
        """True when the signature was made with ``key`` over exactly these values."""
        expected = self.signed(key).signature
        return hmac.compare_digest(expected.encode(), self.signature.encode("ascii", "replace"))


# Nothing can be reviewed when no plan comment is found: every destructive change is refused.
NOTHING_REVIEWED = ReviewedPlan(digest="none", destructive=())
SIGNATURE_CONTEXT = b"cohort reviewed plan v1\0"


def signing_key(explicit: str | None, app_private_key: str | None) -> bytes | None:
    """The key plan comments are signed with: COHORT_PLAN_SIGNING_KEY, else one derived
    from the App private key (both only in the default-branch environments); None without."""
    if explicit and explicit.strip():
        return hashlib.sha256(b"explicit\0" + explicit.strip().encode()).digest()
    if app_private_key and app_private_key.strip():
        return hashlib.sha256(b"app-key\0" + app_private_key.strip().encode()).digest()
    return None


def reviewed_marker(plan: ReviewedPlan) -> str:
    """The hidden line carrying the destructive keys, where the plan was made, and its signature."""
    payload = json.dumps(
        {
            "head": plan.head_sha,
            "destructive": list(plan.destructive),
            "repository": plan.repository,
            "pr": plan.number,
            "signature": plan.signature,
        },
        sort_keys=True,
    )
    safe = payload.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"{REVIEWED_MARKER}{safe} -->"


def compose(
    markdown: str,
    destructive: Sequence[str],
    head_sha: str,
    *,
    repository: str = "",
    number: int = 0,
    key: bytes | None = None,
) -> str:
    """The comment body: the rendered plan (digest marker last) plus the reviewed marker."""
    digest = _DIGEST.search(markdown)
    if not digest:
        raise ValueError("the plan markdown has no digest marker; render it with plan --format")
    plan = ReviewedPlan(digest.group(1), tuple(destructive), head_sha, repository, number)
    if key is not None:
        plan = plan.signed(key)
    return markdown.rstrip("\n") + "\n" + reviewed_marker(plan) + "\n"


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
        return from_json({**json.loads(reviewed.group(1)), "digest": digest.group(1)})
    except (ValueError, KeyError, TypeError):
        return None


def from_json(data: Mapping[str, Any]) -> ReviewedPlan:
    """A reviewed plan from its JSON form; KeyError, TypeError or ValueError when malformed."""
    destructive = data["destructive"]
    if not isinstance(destructive, list):
        raise TypeError("destructive must be a list")
    return ReviewedPlan(
        digest=str(data["digest"]),
        destructive=tuple(str(k) for k in destructive),
        head_sha=str(data.get("head", "")),
        repository=str(data.get("repository", "")),
        number=int(data.get("pr", 0)),
        signature=str(data.get("signature", "")),
    )
