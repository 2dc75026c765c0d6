"""read_team_facts over httpx.MockTransport: a missing repository is a team without facts."""

from __future__ import annotations

import json

import httpx

from cohort.clock import SimulatedClock
from cohort.config.naming import repo_name
from cohort.github.client import Client
from cohort.github.graduation_io import read_team_facts
from cohort.mentoring.portfolio import ClosedIssue, TeamFacts
from tests.reconcile.helpers import example_cohort


def test_missing_repository_gives_empty_facts_and_others_are_read() -> None:
    cohort = example_cohort()
    org = cohort.program.organization
    first, *others = cohort.teams
    missing = f"/repos/{org}/{repo_name(cohort, first)}"

    def github(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith(missing):
            return httpx.Response(404, json={"message": "Not Found"})
        if path.endswith("/issues"):
            assert request.url.params["state"] == "closed"
            return httpx.Response(
                200,
                content=json.dumps(
                    [
                        {"number": 3, "title": "Ship it", "assignees": [{"login": "ana"}]},
                        {"number": 4, "title": "A PR", "pull_request": {}},
                    ]
                ).encode(),
            )
        return httpx.Response(200, json={"homepage": "https://team.example"})

    client = Client("t", transport=httpx.MockTransport(github), clock=SimulatedClock())
    facts = read_team_facts(client, cohort)

    assert facts[first.slug] == TeamFacts()
    shipped = TeamFacts("https://team.example", (ClosedIssue(3, "Ship it", ("ana",)),))
    assert all(facts[t.slug] == shipped for t in others)
