"""The values of the template system: errors, a loaded template, a rendered project."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cohort.errors import CohortError, ExitCode

STAMP_PATH = ".cohort/template.json"
CODEOWNERS_PATH = ".github/CODEOWNERS"


class TemplateError(CohortError):
    """A template is missing, malformed, or failed to render."""

    exit_code = ExitCode.INVALID


class TemplateSecurityError(TemplateError):
    """A template tried something the sandbox forbids, or exceeded a time or size bound."""


@dataclass(frozen=True)
class Variable:
    """A template input with a default; organizers may override it."""

    name: str
    description: str
    default: str | int | bool
    pattern: str | None = None


@dataclass(frozen=True)
class IssueSpec:
    """A milestone issue a template declares for one phase; title and body are Jinja."""

    phase: str
    key: str
    title: str
    body: str  # name of the body template inside the template's sources
    labels: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # identity: the renderer caches one environment each
class Template:
    """A loaded template: metadata plus every source file, held in memory."""

    name: str
    version: str
    description: str
    skills: tuple[str, ...]
    variables: Mapping[str, Variable]
    phases: Mapping[str, tuple[IssueSpec, ...]]
    root: Path
    sources: Mapping[str, str] = field(repr=False)  # Jinja sources by name (files/, issues/, ...)
    verbatim: Mapping[str, bytes] = field(repr=False)  # files/ entries copied as they are
    pages: str | None = None  # "workflow": the scaffold deploys to GitHub Pages from Actions

    @property
    def issues(self) -> tuple[IssueSpec, ...]:
        """Every milestone issue, phase by phase."""
        return tuple(spec for specs in self.phases.values() for spec in specs)


@dataclass(frozen=True)
class MilestoneIssue:
    """One rendered milestone issue: a checklist for a phase."""

    phase: str
    key: str
    title: str
    body: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class OnboardingText:
    """One mentee's rendered onboarding issue (``issues/onboarding.md.jinja``)."""

    handle: str
    title: str
    body: str


@dataclass(frozen=True)
class RenderedProject:
    """A rendered scaffold: every file by repository path, plus milestone issues."""

    template: str
    version: str
    files: Mapping[str, bytes]
    issues: tuple[MilestoneIssue, ...]
    pages: str | None = None  # the template's Pages build type, if it deploys to Pages
    onboarding: tuple[OnboardingText, ...] = ()  # one per mentee, in cohort.yml order
