"""Shared fixtures of the matching tests: golden sign-ups and a cohort to match into."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.matching.records import Kind

GOLDEN = Path(__file__).parent / "golden"
COHORT = """\
# A cohort waiting for its teams.
version: 1
program:
  name: Open Mentorship Program
  cohort: 2027-spring
  organization: omp-cohorts
calendar:
  start: 2027-02-01   # a Monday
  weeks: 12
organizers: [ada-organizes]

mentors: []   # filled by cohort match
mentees: []

projects:
  - id: campus-events
    title: Campus Events
    brief: Find this week's campus events.
    template: web-frontend
    skills: [javascript, css]
  - id: study-buddy-api
    title: Study Buddy API
    brief: Match students into study groups.
    template: python-api
    skills: [python, apis]
  - id: open-data-report
    title: City Air Quality Report
    brief: A weekly air-quality report.
    template: data-report
    skills: [python, data]

# Teams own a project end to end.
teams: []

policy:
  require_induction: true
"""


def golden_files() -> list[tuple[Kind, str, str]]:
    files: list[tuple[Kind, str, str]] = [
        ("mentee", f"golden/{p.name}", p.read_text(encoding="utf-8"))
        for p in sorted(GOLDEN.glob("issue-*.md"))
    ]
    files.append(("mentor", "golden/mentors.csv", (GOLDEN / "mentors.csv").read_text("utf-8")))
    return files


@pytest.fixture
def cohort_text() -> str:
    return COHORT
