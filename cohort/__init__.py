"""cohort: mentorship cohorts as code on GitHub."""

__version__ = "0.1.0"
