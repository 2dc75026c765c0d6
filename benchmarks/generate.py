"""Generate large, valid cohorts for benchmarks (N teams, 3 mentees and 1 mentor each)."""

from __future__ import annotations


def cohort_text(teams: int, *, org: str = "bench-org") -> str:
    """A valid cohort.yml with ``teams`` teams."""
    lines = [
        "version: 1",
        "program: {name: Bench Program, cohort: bench, organization: " + org + "}",
        "calendar: {start: 2027-02-01, weeks: 12, timezone: UTC}",
        "organizers: [olga-org]",
        "repositories: {visibility: public}",
        "projects:",
        "  - {id: site, title: Site, brief: A site., template: web-frontend, skills: [js]}",
        "  - {id: api, title: API, brief: An API., template: python-api, skills: [python]}",
        "  - {id: report, title: Report, brief: A report., template: data-report}",
        "mentors:",
    ]
    lines += [
        f"  - {{handle: mentor{i}, name: Mentor {i}, capacity: 1, induction: completed}}"
        for i in range(teams)
    ]
    lines.append("mentees:")
    lines += [
        f"  - {{handle: mentee{i}, name: Mentee {i}, level: first-year}}" for i in range(teams * 3)
    ]
    lines.append("teams:")
    projects = ("site", "api", "report")
    for i in range(teams):
        mentees = ", ".join(f"mentee{3 * i + k}" for k in range(3))
        lines.append(
            f"  - {{slug: team{i}, project: {projects[i % 3]}, mentees: [{mentees}], "
            f"mentors: [mentor{i}]}}"
        )
    return "\n".join(lines) + "\n"
