"""A first-year student's read-through: the README alone answers their first questions.

For every template, a team's README is rendered from the example cohort and read for the
answers a newcomer looks for, in words they would search for.
"""

from __future__ import annotations

import re

import pytest

from tests.templates.conftest import example_cohort, render_team

TEAM_OF = {"web-frontend": "aurora", "python-api": "borealis", "data-report": "cirrus"}
RUN_COMMAND = {
    "web-frontend": "npm run check",
    "python-api": "python check.py",
    "data-report": "python check.py",
}


def _readme(template: str) -> str:
    _, rendered = render_team(example_cohort(), TEAM_OF[template])
    assert rendered.template == template
    return rendered.files["README.md"].decode()


def _section(readme: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert match, f"the README has no '## {heading}' section"
    return match.group(1)


@pytest.mark.parametrize("template", sorted(TEAM_OF))
def test_what_the_project_is_and_who_leads_it(template: str) -> None:
    readme = _readme(template)
    cohort = example_cohort()
    team = next(t for t in cohort.teams if t.slug == TEAM_OF[template])
    project = next(p for p in cohort.projects if p.id == team.project)
    assert readme.startswith(f"# {project.title}")
    assert project.brief.split()[0] in readme
    for mentor in team.mentors:
        assert "Mentor (project lead) |" in readme
        assert f"@{mentor}" in _section(readme, "Team")


@pytest.mark.parametrize("template", sorted(TEAM_OF))
def test_how_to_reach_people_and_when_we_meet(template: str) -> None:
    work = _section(_readme(template), "How we work")
    meeting = next(t.meeting for t in example_cohort().teams if t.slug == TEAM_OF[template])
    assert meeting is not None
    assert f"We meet every {meeting.day.capitalize()} at {meeting.time} (Europe/Berlin)" in work
    assert str(meeting.place) in work
    assert "https://github.com/orgs/omp-cohorts/discussions" in work  # where to ask
    assert "contact the organizers privately at https://forms.example.org/omp-private" in work
    assert "`/mentor`" in work
    assert not re.search(r"[\w.+-]+@[\w-]+\.[a-z]", work)  # never an e-mail address


@pytest.mark.parametrize("template", sorted(TEAM_OF))
def test_what_to_do_this_week(template: str) -> None:
    week = _section(_readme(template), "Your first week")
    for step in ("Accept the invitation", "run the checks", "check-in", "first small pull request"):
        assert step in week
    assert "Design" in week


@pytest.mark.parametrize("template", sorted(TEAM_OF))
def test_how_to_run_and_test_it_on_any_system(template: str) -> None:
    run = _section(_readme(template), "How to run it")
    assert RUN_COMMAND[template] in run
    assert "the same checks CI runs" in run
    assert "git clone https://github.com/omp-cohorts/" in run
    assert "Codespace" in run
    assert ".devcontainer/" in run
    if template != "web-frontend":
        assert "Windows:" in run  # venv activation differs on Windows
    else:
        assert "npm ci" in run
        assert "Windows, macOS and Linux" in run


@pytest.mark.parametrize("template", sorted(TEAM_OF))
def test_how_to_get_a_change_merged(template: str) -> None:
    work = _section(_readme(template), "How we work")
    for word in ("Issue", "branch", "pull request", "CI green", "mentor approves", "squash merge"):
        assert word in work
    assert "CONTRIBUTING.md" in work


@pytest.mark.parametrize("template", sorted(TEAM_OF))
def test_what_done_means_per_phase(template: str) -> None:
    done = _section(_readme(template), 'What "done" means')
    rows = [line for line in done.splitlines() if line.startswith("| ") and "---" not in line]
    assert [row.split("|")[1].strip() for row in rows[1:]] == ["Design", "Code", "Deployment"]


def test_a_team_without_a_meeting_or_contact_still_gets_clear_directions() -> None:
    cohort = example_cohort()
    plain = cohort.model_copy(
        update={
            "program": cohort.program.model_copy(
                update={"contact": cohort.program.contact.model_copy(update={"questions": None})}
            ),
        }
    )
    _, rendered = render_team(plain, "delta")  # delta has no meeting in the example
    work = _section(rendered.files["README.md"].decode(), "How we work")
    assert "the mentors post the time and the link in the first check-in issue" in work
    assert "Open a *question for mentors* issue" in work


@pytest.mark.parametrize("template", sorted(TEAM_OF))
def test_each_mentee_gets_a_first_week_issue_with_the_readmes_own_commands(template: str) -> None:
    cohort = example_cohort()
    team = next(t for t in cohort.teams if t.slug == TEAM_OF[template])
    _, rendered = render_team(cohort, team.slug)
    readme = rendered.files["README.md"].decode()
    assert "onboarding issue" in _section(readme, "Your first week")
    assert [o.handle for o in rendered.onboarding] == list(team.mentees)
    setup = re.search(r"```sh\n.*?```", _section(readme, "How to run it"), re.S)
    assert setup is not None
    meeting = team.meeting
    assert meeting is not None
    for item in rendered.onboarding:
        body = item.body
        assert body.startswith(f"Welcome to team **{team.slug}**, @{item.handle}!")
        assert setup.group(0) in body  # the README's set-up commands, word for word
        assert f"`{RUN_COMMAND[template]}` passes" in body
        assert "pull request" in body
        assert "reviews it" in body
        assert "check-in issue" in body
        assert f"every {meeting.day.capitalize()} at {meeting.time}" in body
        assert "https://forms.example.org/omp-private" in body
        assert "https://github.com/orgs/omp-cohorts/discussions" in body
        assert "`/mentor`" in body
        assert not re.search(r"[\w.+-]+@[\w-]+\.[a-z]", body)
