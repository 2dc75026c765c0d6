"""The weekly check-in run: one issue per team per week; last week's is closed and linked."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.config.model import CohortFile, Team
from cohort.config.naming import repo_name
from cohort.github.mentoring_io import Action, Marked, close_with_note, comments, list_labelled
from cohort.github.mentoring_io import upsert as upsert_issue
from cohort.github.ports import RestPort
from cohort.mentoring.answers import Comment, answered, open_blockers
from cohort.mentoring.checkin import CHECKIN_LABEL, build_checkin, closing_note, parse_marker


@dataclass(frozen=True)
class TeamCheckIn:
    """What the run did for one team."""

    team: str
    number: int
    url: str
    action: Action
    previous: int | None
    closed_previous: bool
    answered: tuple[str, ...]  # who answered last week's check-in
    carried: int  # blockers carried over


def run_checkins(
    client: RestPort, cohort: CohortFile, week: int, slots: dict[str, str]
) -> list[TeamCheckIn]:
    """Create or update this week's check-in in every team repository."""
    return [_team(client, cohort, team, week, slots.get(team.slug)) for team in cohort.teams]


def _by_week(client: RestPort, repo: str, team: str) -> dict[int, Marked]:
    out: dict[int, Marked] = {}
    for issue in list_labelled(client, repo, CHECKIN_LABEL):
        key = parse_marker(issue.body)
        if key is not None and key[0] == team:
            out.setdefault(key[1], issue)  # newest first: a stray duplicate is never chosen
    return out


def _team(
    client: RestPort, cohort: CohortFile, team: Team, week: int, slot: str | None
) -> TeamCheckIn:
    repo = f"{cohort.program.organization}/{repo_name(cohort, team)}"
    found = _by_week(client, repo, team.slug)
    earlier = [w for w in found if w < week]
    previous = found[max(earlier)] if earlier else None
    said: tuple[str, ...] = ()
    blockers = []
    if previous is not None:
        notes = [Comment(a, b) for a, b in comments(client, repo, previous.number)]
        said = answered(notes, team.mentees)
        blockers = open_blockers(previous.body, notes, max(earlier))
    checkin = build_checkin(
        cohort,
        team,
        week,
        slot=slot,
        blockers=blockers,
        previous=previous.number if previous else None,
    )
    payload = {"title": checkin.title, "body": checkin.body, "labels": [CHECKIN_LABEL]}
    number, url, action = upsert_issue(
        client,
        repo,
        found.get(week),
        payload,
        lambda: _by_week(client, repo, team.slug).get(week),
    )
    closed = previous is not None and previous.state == "open"
    if previous is not None and closed:
        close_with_note(client, repo, previous, closing_note(said, team.mentees, number))
    return TeamCheckIn(
        team.slug,
        number,
        url,
        action,
        previous.number if previous else None,
        closed,
        said,
        len(blockers),
    )
