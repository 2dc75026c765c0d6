"""Project templates: load a scaffold, render it for a team in a sandbox, write it out."""

from cohort.templates.codeowners import codeowners, codeowners_problems
from cohort.templates.context import team_context
from cohort.templates.loader import available_templates, builtin_templates_dir, load_template
from cohort.templates.model import (
    CODEOWNERS_PATH,
    STAMP_PATH,
    IssueSpec,
    MilestoneIssue,
    RenderedProject,
    Template,
    TemplateError,
    TemplateSecurityError,
    Variable,
)
from cohort.templates.paths import check_path, write_project
from cohort.templates.render import render_project

__all__ = [
    "CODEOWNERS_PATH",
    "STAMP_PATH",
    "IssueSpec",
    "MilestoneIssue",
    "RenderedProject",
    "Template",
    "TemplateError",
    "TemplateSecurityError",
    "Variable",
    "available_templates",
    "builtin_templates_dir",
    "check_path",
    "codeowners",
    "codeowners_problems",
    "load_template",
    "render_project",
    "team_context",
    "write_project",
]
