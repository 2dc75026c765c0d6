"""The label catalogue: every label cohort manages in team repositories."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelSpec:
    """One managed label."""

    name: str
    color: str  # six hex digits, no '#'
    description: str


PHASE_LABELS: tuple[LabelSpec, ...] = (
    LabelSpec("phase: design", "c5def5", "Design phase: problem, users, scope, architecture"),
    LabelSpec("phase: code", "0e8a16", "Code phase: features, tests, reviews"),
    LabelSpec("phase: deployment", "5319e7", "Deployment phase: ship it and show it"),
)

KIND_LABELS: tuple[LabelSpec, ...] = (
    LabelSpec("kind: milestone", "fbca04", "A milestone checklist created by cohort"),
    LabelSpec("kind: docs", "0075ca", "Documentation and design documents"),
    LabelSpec("kind: ci", "bfdadc", "Workflows and automation"),
    LabelSpec("kind: code", "1d76db", "Application code"),
    LabelSpec("kind: tests", "bfd4f2", "Tests"),
)

REVIEW_LABELS: tuple[LabelSpec, ...] = (
    LabelSpec("needs-mentor-review", "d93f0b", "Waiting for a mentor's review"),
    LabelSpec("mentor-approved", "0e8a16", "A mentor approved this pull request"),
    LabelSpec("changes-requested", "e99695", "A mentor asked for changes"),
    LabelSpec("help-wanted-from-mentor", "d876e3", "The team asked its mentors for help"),
)

SIZE_LABELS: tuple[LabelSpec, ...] = (
    LabelSpec("size/XS", "3cbf00", "0-9 changed lines"),
    LabelSpec("size/S", "5d9801", "10-29 changed lines"),
    LabelSpec("size/M", "7f7203", "30-99 changed lines"),
    LabelSpec("size/L", "a14c05", "100-499 changed lines"),
    LabelSpec("size/XL", "c32607", "500-999 changed lines"),
    LabelSpec("size/XXL", "e50009", "1000 or more changed lines"),
)

CATALOGUE: tuple[LabelSpec, ...] = PHASE_LABELS + KIND_LABELS + REVIEW_LABELS + SIZE_LABELS


def phase_label(phase: str) -> str:
    """The label name of a phase (``design``, ``code`` or ``deployment``)."""
    return f"phase: {phase}"
