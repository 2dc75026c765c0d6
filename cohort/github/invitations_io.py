"""Read pending organization invitations and, when someone is to be added, the org's members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, TypeVar

from cohort.github import routes
from cohort.github.ports import RestPort
from cohort.github.routes import Route
from cohort.reconcile.model import ActualState, ActualTeam, DesiredState, PendingInvitation

PER_PAGE = 100
QUOTA_WINDOW = dt.timedelta(hours=24)


def rest_pages(client: RestPort, route: Route, **where: str | int) -> Iterator[dict[str, Any]]:
    """Every item of a paged REST list route, 100 a page, until a short page."""
    page = 1
    while True:
        params = {"per_page": PER_PAGE, "page": page}
        body = client.rest(route.method, route.url(**where), None, params)
        items = [i for i in body if isinstance(i, dict)] if isinstance(body, list) else []
        yield from items
        if len(body if isinstance(body, list) else []) < PER_PAGE:
            return
        page += 1


def read_people(client: RestPort, desired: DesiredState, actual: ActualState) -> ActualState:
    """``actual`` with its invitations and org members, each read only when it can matter.

    Invitations matter when a cohort team has a pending member; the member list when a
    person is to join a team they are neither in nor invited to (member, or invitation?).
    """
    if _moved_or_left(desired, actual):  # only then are invitation ids needed (to cancel)
        found = read_invitations(client, desired.org, actual)
        actual = replace(
            actual,
            invitations=found,
            teams={s: _alive(t, found) for s, t in actual.teams.items()},
            retired={s: _alive(t, found) for s, t in actual.retired.items()},
        )
    if not actual.org_members and _newcomers(desired, actual):
        found_members = rest_pages(client, routes.LIST_ORG_MEMBERS, org=desired.org)
        members = frozenset(str(m["login"]).lower() for m in found_members)
        actual = replace(actual, org_members=members)
    return actual


T = TypeVar("T", ActualTeam, ActualTeam | None)


def _alive(team: T, invitations: dict[str, PendingInvitation]) -> T:
    """A pending membership with no invitation behind it (expired, cancelled) is not pending."""
    if team is None:
        return team
    return replace(team, pending={p for p in team.pending if p.lower() in invitations})


def _moved_or_left(desired: DesiredState, actual: ActualState) -> bool:
    """Whether a pending person's teams differ from the teams the cohort wants them in."""
    from cohort.reconcile.kinds.invitation import wanted_teams

    teams_of: dict[str, set[str]] = {}
    for slug, team in _all_teams(actual).items():
        for login in team.pending if team else ():
            teams_of.setdefault(login.lower(), set()).add(slug)
    wanted = wanted_teams(desired)
    return any(set(wanted.get(login, ())) != slugs for login, slugs in teams_of.items())


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


def read_invitations(
    client: RestPort, org: str, actual: ActualState
) -> dict[str, PendingInvitation]:
    """Pending org invitations of people a cohort team has pending, with those teams."""
    teams_of: dict[str, list[str]] = {}
    for slug, team in _all_teams(actual).items():
        for login in team.pending if team else ():
            teams_of.setdefault(login.lower(), []).append(slug)
    out = {}
    for item in rest_pages(client, routes.LIST_ORG_INVITATIONS, org=org):
        login = str(item.get("login") or "")
        if login.lower() in teams_of:
            out[login.lower()] = PendingInvitation(
                int(item["id"]),
                login,
                str(item.get("created_at") or ""),
                tuple(sorted(teams_of[login.lower()])),
            )
    return out


def quota_frees(client: RestPort, org: str, now: dt.datetime) -> dt.datetime:
    """When GitHub's 24-hour invitation window lets the next invitation through (estimate:
    accepted invitations of the window are not listed, so it may free a little later)."""
    sent = [
        parse(str(i.get("created_at") or ""))
        for i in rest_pages(client, routes.LIST_ORG_INVITATIONS, org=org)
    ]
    recent = sorted(t for t in sent if t is not None and now - t < QUOTA_WINDOW)
    return (recent[0] if recent else now) + QUOTA_WINDOW


def parse(stamp: str) -> dt.datetime | None:
    if not stamp:
        return None
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(dt.UTC)
