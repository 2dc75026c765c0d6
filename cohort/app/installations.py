"""Which of the App's installations reach only selected repositories (checked at start-up).

Team repositories are created later by the apply App, and a repository never joins another
App's selection, so an installation on selected repositories would get no events from them:
no labels, no review requests. ``cohort serve`` says so in its log when it starts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from cohort.app import endpoints as ep
from cohort.app.clients import AppClients
from cohort.errors import CohortError
from cohort.github.invitations_io import rest_pages
from cohort.github.ports import RestPort


@dataclass(frozen=True)
class Limited:
    """An installation of the App that reaches only the repositories selected for it."""

    account: str
    settings_url: str

    def warning(self) -> str:
        return (
            f"the App's installation on {self.account} reaches only selected repositories: "
            "team repositories that apply creates later send it no events (no labels, no "
            f"review requests); choose All repositories in {self.settings_url or 'its settings'}"
        )


def limited_installations(app_client: RestPort) -> tuple[Limited, ...]:
    """Every installation of the App (read with its JWT) that is on selected repositories."""
    return tuple(
        Limited(
            str((item.get("account") or {}).get("login") or "?"), str(item.get("html_url") or "")
        )
        for item in rest_pages(app_client, ep.LIST_INSTALLATIONS)
        if item.get("repository_selection") == "selected"
    )


def warn_about_selected_repositories(clients: AppClients) -> int:
    """Log a warning per installation on selected repositories; how many there were.

    One read as the App. A failure is logged and ignored: the server works without it.
    """
    log = logging.getLogger("cohort.app")
    try:
        limited = limited_installations(clients.for_app())
    except (CohortError, OSError) as exc:
        log.warning("could not list the App's installations: %s", exc)
        return 0
    for installation in limited:
        log.warning("%s", installation.warning())
    return len(limited)
