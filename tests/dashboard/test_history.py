"""history() and render_dashboard(): weekly series from a fixed snapshot, one page, no CDN."""

from __future__ import annotations

import re

from cohort.dashboard import history, render_dashboard
from tests.reconcile.helpers import example_cohort
from tests.summary.fixtures import snapshot


def test_history_has_one_row_per_cohort_week_up_to_the_snapshot() -> None:
    h = history(snapshot(), example_cohort())
    assert h.weeks == ("2027-W05", "2027-W06", "2027-W07")
    assert h.cohort_week_numbers == (1, 2, 3)
    cirrus = h.teams[2]
    assert [(w.closed, w.total) for w in cirrus.weeks] == [(0, 4), (2, 4), (4, 4)]
    assert [w.commits for w in cirrus.weeks] == [0, 0, 2]
    assert h.latency_hours == (None, None, 25.0)


def test_last_weeks_limits_the_series() -> None:
    h = history(snapshot(), example_cohort(), last=1)
    assert h.weeks == ("2027-W07",)
    assert len(h.teams[0].weeks) == 1


def test_page_is_self_contained_and_names_every_team() -> None:
    page = render_dashboard(history(snapshot(), example_cohort()))
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!github\.com/)""", page)
    assert "<link" not in page
    for slug in ("aurora", "borealis", "cirrus", "delta"):
        assert f'data-team="{slug}"' in page
    assert page.count('role="img"') == 4  # three burn-ups and the latency chart
    assert "Repository <code>2027-spring-delta</code> was not found." in page


def test_text_is_escaped() -> None:
    cohort = example_cohort()
    cohort = cohort.model_copy(
        update={"program": cohort.program.model_copy(update={"name": "<script>alert(1)</script>"})}
    )
    page = render_dashboard(history(snapshot(), cohort))
    assert "<script>alert" not in page
