"""milestone: one milestone per program phase, due on the phase's last day."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.calendar import same_day
from cohort.reconcile.model import ActualRepo, DesiredRepo
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, per_repo, register


@dataclass(frozen=True)
class MilestonePayload(Payload):
    repo: str
    title: str
    due_on: str  # YYYY-MM-DD
    description: str
    number: int | None = None  # the milestone to update (update only)


def diff_milestones(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    current = have.milestones if have else {}
    out = []
    for m in want.milestones:
        payload = MilestonePayload(
            repo=want.name, title=m.title, due_on=m.due_on, description=m.description
        )
        if m.title not in current:
            out.append(
                Change(
                    kind="milestone",
                    action="create",
                    repo=want.name,
                    team=want.team,
                    target=m.title,
                    details=(("due", m.due_on),),
                    payload=payload,
                )
            )
            continue
        number, _, old = current[m.title]
        if not same_day(old.due_on, m.due_on) or old.description != m.description:
            out.append(
                Change(
                    kind="milestone",
                    action="update",
                    repo=want.name,
                    team=want.team,
                    target=m.title,
                    details=(("due", f"{old.due_on} → {m.due_on}"),),
                    payload=MilestonePayload(
                        repo=want.name,
                        title=m.title,
                        due_on=m.due_on,
                        description=m.description,
                        number=number,
                    ),
                )
            )
    return out


KIND = register(KindSpec("milestone", 40, MilestonePayload, per_repo(diff_milestones)))
