"""A delivery as a typed event, with defensive accessors over the raw payload (pure)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

HANDLED = frozenset(
    {
        "pull_request",
        "pull_request_review",
        "issue_comment",
        "issues",
        "installation",
        "installation_repositories",
    }
)


class BadPayload(ValueError):
    """The body is not a JSON object."""


def dig(data: Any, *path: str | int) -> Any:
    """``data[path[0]][path[1]]…`` or None when any step is missing or of the wrong type."""
    for step in path:
        if isinstance(step, int) and isinstance(data, list) and -len(data) <= step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


def text(data: Any, *path: str | int) -> str:
    """The string at ``path``, or ""."""
    value = dig(data, *path)
    return value if isinstance(value, str) else ""


def number(data: Any, *path: str | int) -> int | None:
    """The integer at ``path``, or None."""
    value = dig(data, *path)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def logins(items: Any) -> tuple[str, ...]:
    """The ``login`` of each user object in a list."""
    if not isinstance(items, list):
        return ()
    return tuple(str(i["login"]) for i in items if isinstance(i, dict) and "login" in i)


def label_names(items: Any) -> frozenset[str]:
    """The ``name`` of each label object in a list."""
    if not isinstance(items, list):
        return frozenset()
    return frozenset(str(i["name"]) for i in items if isinstance(i, dict) and "name" in i)


@dataclass(frozen=True)
class Event:
    """One webhook delivery: its name, id and payload."""

    name: str
    delivery: str
    payload: dict[str, Any]

    @property
    def action(self) -> str:
        return text(self.payload, "action")

    @property
    def repo(self) -> str:
        """``owner/name`` of the repository, or ""."""
        return text(self.payload, "repository", "full_name")

    @property
    def org(self) -> str:
        return text(self.payload, "repository", "owner", "login") or text(
            self.payload, "organization", "login"
        )

    @property
    def sender(self) -> str:
        return text(self.payload, "sender", "login")

    @property
    def sender_is_bot(self) -> bool:
        return text(self.payload, "sender", "type") == "Bot" or self.sender.endswith("[bot]")

    @property
    def installation_id(self) -> int | None:
        return number(self.payload, "installation", "id")


def parse_event(name: str, delivery: str, body: bytes) -> Event:
    """Parse a verified body; raise BadPayload if it is not a JSON object."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadPayload(f"body is not JSON: {exc}") from None
    if not isinstance(payload, dict):
        raise BadPayload("body is not a JSON object")
    return Event(name, delivery, payload)
