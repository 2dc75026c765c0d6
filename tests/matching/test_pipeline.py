"""Golden issue-form bodies and a CSV, end to end into teams and a valid cohort.yml."""

from __future__ import annotations

import yaml

from cohort.config.load import parse_cohort
from cohort.matching.model import Rules
from cohort.matching.pipeline import run_match
from tests.conftest import KNOWN_TEMPLATES
from tests.matching.conftest import GOLDEN, golden_files

RULES = Rules(min_size=3, max_size=3, meeting_hours=1, no_isolation=True)


def _run(text: str):  # type: ignore[no-untyped-def]
    mapping = yaml.safe_load((GOLDEN / "columns.yml").read_text(encoding="utf-8"))
    return run_match(
        text,
        "cohort.yml",
        golden_files(),
        RULES,
        known_templates=KNOWN_TEMPLATES,
        mappings=mapping,
        seed=7,
        time_limit=5,
    )


def test_issue_forms_and_csv_become_valid_teams(cohort_text: str) -> None:
    out = _run(cohort_text)
    assert out.result.status == "optimal"
    assert out.violations == ()
    teams = {t.project: (set(t.mentees), t.mentors) for t in out.teams}
    assert teams == {
        "campus-events": ({"fatima-z", "gabe-r", "hana-k"}, ("alicia-dev",)),
        "study-buddy-api": ({"ivan-p", "jules-m", "kofi-a"}, ("bkumar",)),
    }
    cohort = parse_cohort(out.text, "cohort.yml", KNOWN_TEMPLATES).cohort
    assert [t.slug for t in cohort.teams] == ["campus-events-1", "study-buddy-api-1"]
    assert {m.handle for m in cohort.mentors} == {"alicia-dev", "bkumar"}


def test_the_proposal_keeps_comments_and_adds_no_private_data(cohort_text: str) -> None:
    out = _run(cohort_text)
    for line in cohort_text.splitlines():
        assert line.split("#")[0].strip().endswith("[]") or line in out.text
    for private in ("Europe/Berlin", "Woman", "Mon 18", "UTC", "first-generation", "18:00"):
        assert private.lower() not in out.text.lower()
        assert private.lower() not in out.summary.lower()


def test_the_private_report_explains_each_team(cohort_text: str) -> None:
    report = _run(cohort_text).report
    assert report.startswith("<!-- PRIVATE")
    assert "## study-buddy-api-1: study-buddy-api" in report
    assert "Weekly meeting: Mon 18:00-19:00 UTC" in report
    assert "@jules-m (professional): 1st choice; brings apis, python" not in report
    assert "@jules-m (professional): 1st choice; brings python" in report


def test_a_second_run_leaves_placed_people_alone(cohort_text: str) -> None:
    first = _run(cohort_text)
    second = _run(first.text)
    assert second.teams == ()
    assert "already on a team" in second.summary
