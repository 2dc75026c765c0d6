"""Load each project's template once and render every team's scaffold (the I/O step)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cohort.config.load import LoadedCohort
from cohort.config.naming import repo_name
from cohort.reconcile.desired import build_desired
from cohort.reconcile.model import DesiredState

if TYPE_CHECKING:
    from cohort.templates import RenderedProject


def render_team(loaded: LoadedCohort, slug: str) -> RenderedProject:
    """One team's rendered scaffold."""
    from cohort.templates import load_template, render_project, team_context

    cohort = loaded.cohort
    team = next(t for t in cohort.teams if t.slug == slug)
    project = next(p for p in cohort.projects if p.id == team.project)
    template = load_template(project.template, loaded.templates_dirs)
    return render_project(template, team_context(cohort, team, repo_name(cohort, team)))


def render_all(loaded: LoadedCohort) -> dict[str, RenderedProject]:
    """Team slug -> rendered scaffold, templates loaded once each."""
    from cohort.templates import load_template, render_project, team_context
    from cohort.templates.context import Shared

    cohort = loaded.cohort
    shared = Shared.of(cohort)
    templates = {}
    out: dict[str, RenderedProject] = {}
    projects = {p.id: p for p in cohort.projects}
    for team in cohort.teams:
        name = projects[team.project].template
        if name not in templates:
            templates[name] = load_template(name, loaded.templates_dirs)
        context = team_context(cohort, team, repo_name(cohort, team), shared)
        out[team.slug] = render_project(templates[name], context)
    return out


def desired_state(loaded: LoadedCohort) -> DesiredState:
    """The desired state of the organization for a loaded cohort."""
    return build_desired(loaded.cohort, render_all(loaded))
