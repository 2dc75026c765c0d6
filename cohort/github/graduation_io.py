"""Read what graduation needs beyond the activity: each team's live URL and closed issues."""

from __future__ import annotations

from typing import Any

from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.errors import NotFoundError
from cohort.github import routes
from cohort.github.paging import rest_pages
from cohort.github.ports import RestPort
from cohort.mentoring.portfolio import ClosedIssue, TeamFacts


def read_team_facts(client: RestPort, cohort: CohortFile) -> dict[str, TeamFacts]:
    """Two reads per team: the repository (its homepage) and its closed issues."""
    org = cohort.program.organization
    out = {}
    for team in cohort.teams:
        repo = f"{org}/{repo_name(cohort, team)}"
        try:
            info = client.call(routes.GET_REPO, repo=repo)
        except NotFoundError:
            out[team.slug] = TeamFacts()
            continue
        listed = _closed_issues(client, repo)
        closed = tuple(
            ClosedIssue(
                int(i["number"]),
                str(i.get("title", "")),
                tuple(str(a.get("login", "")) for a in i.get("assignees") or []),
            )
            for i in listed
            if isinstance(i, dict) and "pull_request" not in i
        )
        out[team.slug] = TeamFacts(str(info.get("homepage") or "") or None, closed)
    return out


def _closed_issues(client: RestPort, repo: str) -> list[Any]:
    return rest_pages(
        lambda p: client.call(routes.LIST_ISSUES, params={"state": "closed", **p}, repo=repo),
        f"closed issues of {repo}",
    )
