"""cohort: mentorship cohorts as code on GitHub."""

from cohort.project import build_info

__version__ = build_info().version
