"""installation and installation_repositories: remember where the App is installed."""

from __future__ import annotations

from typing import Any

from cohort.app.context import Context
from cohort.app.events import Event, dig, number, text
from cohort.app.reactions import Reaction, TrackInstallation

ACTIVE = {
    "created": True,
    "unsuspend": True,
    "new_permissions_accepted": True,
    "deleted": False,
    "suspend": False,
}


def _names(items: Any) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(
        sorted(
            str(r["full_name"])
            for r in items
            if isinstance(r, dict) and isinstance(r.get("full_name"), str)
        )
    )


def decide(event: Event, ctx: Context) -> list[Reaction]:
    """A TrackInstallation record for the store; unknown actions change nothing."""
    del ctx
    ident = number(event.payload, "installation", "id")
    account = text(event.payload, "installation", "account", "login")
    if ident is None:
        return []
    if event.name == "installation" and event.action in ACTIVE:
        repos = _names(dig(event.payload, "repositories"))
        created = event.action == "created"
        return [TrackInstallation(ident, account, ACTIVE[event.action], repos, (), created)]
    if event.name == "installation_repositories" and event.action in ("added", "removed"):
        added = _names(dig(event.payload, "repositories_added"))
        removed = _names(dig(event.payload, "repositories_removed"))
        return [TrackInstallation(ident, account, True, added, removed)]
    return []
