"""The dashboard's needs-attention list, from a fixed summary snapshot."""

from __future__ import annotations

from cohort.dashboard.invites import PendingInvite
from cohort.dashboard.render import attention_items
from cohort.summary import parse_week, summarize
from tests.reconcile.helpers import example_cohort
from tests.summary.fixtures import NOW, snapshot


def test_expired_and_pending_invitations_are_listed_apart() -> None:
    summary = summarize(snapshot(), example_cohort(), parse_week("2027-W07"), NOW)
    groups = dict(attention_items(summary, (PendingInvite("ivan-p", 0.5),)))
    assert groups["Invitations not accepted"] == ["@ivan-p: invited 0.5 days ago"]
    # hana-k's invitation expired and was not sent again; jules-m joined after all, ivan-p
    # was invited again and someone-else is not in the cohort
    assert groups["Invitations that expired (the daily apply sends them again)"] == [
        "@hana-k: invited 2027-02-01, expired 2027-02-08"
    ]
