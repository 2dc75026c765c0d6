"""Read pending organization invitations and, when someone is to be added, the org's members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from cohort.github.client import Client
from cohort.reconcile.model import ActualState, ActualTeam, DesiredState, PendingInvitation

PER_PAGE = 100
QUOTA_WINDOW = dt.timedelta(hours=24)


def rest_pages(client: Client, path: str) -> Iterator[dict[str, Any]]:
    """Every item of a paged REST list, 100 a page, until a short page."""
    page = 1
    while True:
        body = client.rest("GET", path, params={"per_page": PER_PAGE, "page": page})
        items = [i for i in body if isinstance(i, dict)] if isinstance(body, list) else []
        yield from items
        if len(body if isinstance(body, list) else []) < PER_PAGE:
            return
        page += 1


def read_people(client: Client, desired: DesiredState, actual: ActualState) -> None:
    """Fill ``actual.invitations`` and ``actual.org_members``, each only when it can matter.

    Invitations matter when a cohort team has a pending member; the member list when a
    person is to join a team they are neither in nor invited to (member, or invitation?).
    """
    pending = {p.lower() for t in _all_teams(actual).values() if t for p in t.pending}
    if pending:
        actual.invitations = read_invitations(client, desired.org, actual)
        for team in _all_teams(actual).values():  # no invitation behind it: expired, cancelled
            if team is not None:
                team.pending = {p for p in team.pending if p.lower() in actual.invitations}
    if not actual.org_members and _newcomers(desired, actual):
        actual.org_members = frozenset(
            str(m["login"]).lower() for m in rest_pages(client, f"/orgs/{desired.org}/members")
        )


def _all_teams(actual: ActualState) -> dict[str, ActualTeam | None]:
    """The cohort's teams, and those cohort.yml no longer lists (their people may be pending)."""
    return {**actual.teams, **actual.retired}


def _newcomers(desired: DesiredState, actual: ActualState) -> set[str]:
    present = {
        login.lower()
        for team in actual.teams.values()
        if team
        for login in [*team.members, *team.pending]
    }
    wanted = {login.lower() for team in desired.teams.values() for login in team.members}
    return wanted - present


def read_invitations(client: Client, org: str, actual: ActualState) -> dict[str, PendingInvitation]:
    """Pending org invitations of people a cohort team has pending, with those teams."""
    teams_of: dict[str, list[str]] = {}
    for slug, team in _all_teams(actual).items():
        for login in team.pending if team else ():
            teams_of.setdefault(login.lower(), []).append(slug)
    out = {}
    for item in rest_pages(client, f"/orgs/{org}/invitations"):
        login = str(item.get("login") or "")
        if login.lower() in teams_of:
            out[login.lower()] = PendingInvitation(
                int(item["id"]),
                login,
                str(item.get("created_at") or ""),
                tuple(sorted(teams_of[login.lower()])),
            )
    return out


def quota_frees(client: Client, org: str, now: dt.datetime) -> dt.datetime:
    """When GitHub's 24-hour invitation window lets the next invitation through (estimate:
    accepted invitations of the window are not listed, so it may free a little later)."""
    sent = [
        parse(str(i.get("created_at") or ""))
        for i in rest_pages(client, f"/orgs/{org}/invitations")
    ]
    recent = sorted(t for t in sent if t is not None and now - t < QUOTA_WINDOW)
    return (recent[0] if recent else now) + QUOTA_WINDOW


def parse(stamp: str) -> dt.datetime | None:
    if not stamp:
        return None
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(dt.UTC)
