"""The starter cohort.yml that ``cohort init`` writes: valid as is, commented for editing."""

from __future__ import annotations

import datetime as dt

from cohort.matching.patch import scalar

STARTER = """\
# cohort.yml - the one reviewed file that describes this cohort.
# It is PUBLIC in most programs: handles, names, skills and levels only. Sign-up answers
# (availability, time zones, self-declared groups) stay in a private repository; see
# docs/reference/matching.md. `cohort validate` checks this file.
version: 1

program:
  name: {name}
  cohort: {slug}                  # used in repository and team names
  organization: {organization}    # the GitHub organization that will hold the team repos
  organizer_repo: cohort-admin    # this repository: cohort.yml, check-ins and summaries
  contact:                        # shown in every team README under "How we work"
    questions: https://github.com/orgs/{organization}/discussions   # where mentees ask
    organizers: {organizer}       # private contact: a handle or a form URL, never an e-mail
  onboarding_issues: true         # a week-one issue per mentee, assigned once they accept

calendar:
  start: {start}               # a Monday; week 1 starts here
  weeks: 12
  timezone: UTC

organizers: [{organizer}]

# EXAMPLE people and team, so that `cohort demo cohort.yml` shows a whole team being set up.
# Replace them with your own (or delete them and let `cohort match` append mentors, mentees
# and teams from the sign-ups). The handles below are placeholders, not real accounts.
mentors:
  - handle: example-mentor        # a GitHub login; mentors lead a team's project
    name: Example Mentor
    skills: [python, apis]
    capacity: 1                   # how many teams this mentor can lead
    induction: completed          # `cohort induction` tracks this for real mentors

mentees:
  - {{handle: example-mentee-1, name: Example Mentee One, level: first-year, skills: [python]}}
  - {{handle: example-mentee-2, name: Example Mentee Two, level: second-year, skills: [apis]}}
  - {{handle: example-mentee-3, name: Example Mentee Three, level: senior, skills: [docker]}}

# Each project names a scaffold from project_templates/ (or your own templates/ folder).
projects:
  - id: first-project
    title: First Project
    brief: Describe what the team builds end to end.
    template: python-api
    skills: [python]

# Teams own a project end to end: design, code, deployment. (EXAMPLE: replace it.)
teams:
  - slug: example-team
    project: first-project
    mentees: [example-mentee-1, example-mentee-2, example-mentee-3]
    mentors: [example-mentor]
    meeting: {{day: tuesday, time: "17:00", place: https://meet.example.org/example-team}}
"""


def next_monday(today: dt.date) -> dt.date:
    """The first Monday after ``today``."""
    return today + dt.timedelta(days=7 - today.weekday())


def starter_cohort(name: str, slug: str, organization: str, organizer: str, start: dt.date) -> str:
    """The starter file text with the given program details."""
    return STARTER.format(
        name=scalar(name),
        slug=scalar(slug),
        organization=scalar(organization),
        organizer=scalar(organizer),
        start=start.isoformat(),
    )
