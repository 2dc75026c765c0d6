"""Graduation's last step: the desired state with team repositories archived (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cohort.config.model import CohortFile
from cohort.reconcile.calendar import cohort_end
from cohort.reconcile.model import DesiredState


def cohort_over(cohort: CohortFile, today: dt.date) -> bool:
    """True from the day after the cohort's last day."""
    return today > cohort_end(cohort.calendar)


def archived_desired(desired: DesiredState, cohort: CohortFile, today: dt.date) -> DesiredState:
    """``desired`` with every team repository archived, once the cohort is over.

    Only when ``policy.archive_at_end`` is set; apply still refuses archiving unless it is
    run with ``--allow-archive`` (the safety valve lives on the plan). Never deletes.
    """
    if not cohort.policy.archive_at_end or not cohort_over(cohort, today):
        return desired
    repos = {name: replace(repo, archived=True) for name, repo in desired.repos.items()}
    return replace(desired, repos=repos)
