"""Load each project's template once and render every team's scaffold (the I/O step)."""

from __future__ import annotations

from cohort.config.load import LoadedCohort
from cohort.naming import repo_name
from cohort.reconcile.desired import Rendered, build_desired
from cohort.reconcile.model import DesiredState


def render_all(loaded: LoadedCohort) -> dict[str, Rendered]:
    """Team slug -> rendered scaffold, templates loaded once each."""
    from cohort.templates import load_template, render_project, team_context

    cohort = loaded.cohort
    templates = {}
    out: dict[str, Rendered] = {}
    projects = {p.id: p for p in cohort.projects}
    for team in cohort.teams:
        name = projects[team.project].template
        if name not in templates:
            templates[name] = load_template(name, loaded.templates_dirs)
        context = team_context(cohort, team, repo_name(cohort, team))
        out[team.slug] = render_project(templates[name], context)
    return out


def desired_state(loaded: LoadedCohort) -> DesiredState:
    """The desired state of the organization for a loaded cohort."""
    return build_desired(loaded.cohort, render_all(loaded))
