"""A cohort applied on the sandbox with a private organizer repo holding cohort.yml."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from cohort.config.model import CohortFile
from cohort.github.apply import apply_cohort
from cohort.reconcile.safety import Allowances
from tests.conftest import EXAMPLE
from tests.github.orgkit import make_org
from tests.reconcile.helpers import desired_for, example_cohort
from tests.summary.simulate import ORG, Simulation

ADMIN = f"{ORG}/cohort-admin"
GOLDEN = Path(__file__).resolve().parent / "golden"


def cohort_text() -> str:
    """The example cohort, archiving at the end (so graduation may archive with the flag)."""
    return EXAMPLE.read_text(encoding="utf-8").rstrip("\n") + "\n  archive_at_end: true\n"


def make_world() -> Simulation:
    cohort: CohortFile = example_cohort(cohort_text())
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    org.client.rest(
        "POST", f"/orgs/{ORG}/repos", {"name": "cohort-admin", "auto_init": True, "private": True}
    )
    content = base64.b64encode(cohort_text().encode()).decode()
    org.client.rest(
        "PUT", f"/repos/{ADMIN}/contents/cohort.yml", {"message": "cohort", "content": content}
    )
    return Simulation(org)


def monday(week: int, hour: int = 9) -> dt.datetime:
    """A moment in cohort week ``week`` of the example (week 1 starts Mon 1 Feb 2027)."""
    return dt.datetime(2027, 2, 1, hour, tzinfo=dt.UTC) + dt.timedelta(weeks=week - 1)
