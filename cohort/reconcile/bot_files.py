"""Serverless mode: what apply commits in a team repository so ``cohort on-event`` can work.

A team repository's GITHUB_TOKEN cannot read a private organizer repository, so the
workflow reads the team's slice of the cohort from its own repository instead.
"""

from __future__ import annotations

from importlib import resources

import yaml

from cohort.config.model import CohortFile, Team

SLICE_PATH = ".github/cohort.yml"
WORKFLOW_PATH = ".github/workflows/cohort-bot.yml"
HEADER = (
    "# The team's slice of the cohort, for the cohort-bot workflow (cohort on-event).\n"
    "# Managed by cohort apply: edit cohort.yml in the organizer repository, not this file.\n"
)


def team_slice(cohort: CohortFile, team: Team) -> CohortFile:
    """The cohort cut down to one team: its people, its project, the program and policy."""
    people = {h.lower() for h in [*team.mentors, *team.mentees]}
    return cohort.model_copy(
        update={
            "mentors": [m for m in cohort.mentors if m.handle.lower() in people],
            "mentees": [m for m in cohort.mentees if m.handle.lower() in people],
            "projects": [p for p in cohort.projects if p.id == team.project],
            "teams": [team],
        }
    )


def slice_text(cohort: CohortFile, team: Team) -> bytes:
    """The slice as YAML (defaults left out), ready to commit."""
    data = team_slice(cohort, team).model_dump(mode="json", exclude_defaults=True)
    data = {"version": 1, **data}
    return (HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)).encode("utf-8")


def bot_workflow(version: str) -> bytes:
    """The cohort-bot workflow for a team repository, pinned to this cohort release."""
    here = resources.files("cohort.init_files")
    text = here.joinpath("cohort-bot.workflow.yml").read_text("utf-8")
    return text.replace("__VERSION__", version).encode("utf-8")
