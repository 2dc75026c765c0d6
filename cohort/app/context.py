"""What ``decide`` knows besides the event: the cohort, today, and facts read from GitHub."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from cohort.app.areas import AreaRules
from cohort.app.pull_state import PullState
from cohort.app.size import ChangedFile
from cohort.config.model import CohortFile


@dataclass(frozen=True)
class Context:
    """Inputs of the pure handlers; everything here was fetched before deciding."""

    cohort: CohortFile | None
    today: dt.date
    app_login: str = ""  # the App's own bot login, e.g. ``cohort-mentors[bot]``
    area_rules: AreaRules = field(default_factory=dict)
    files: tuple[ChangedFile, ...] | None = None  # None: use the payload's line totals
    load: Mapping[str, int] = field(default_factory=dict)  # lower-case login -> open requests
    requested: frozenset[str] | None = None  # fresh requested reviewers (lower-case)
    labels: frozenset[str] | None = None  # fresh labels of the issue or pull request
    pull: PullState | None = None  # the pull request as GitHub shows it now, with its reviews
    comments: tuple[str, ...] | None = None  # bodies of the comments, oldest first
