"""label: the cohort's label catalogue in every team repository."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualRepo, DesiredRepo
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, per_repo, register


@dataclass(frozen=True)
class LabelPayload(Payload):
    repo: str
    name: str
    color: str
    description: str
    id: str | None = None  # the label to update (update only)


def diff_labels(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    current = {k.lower(): v for k, v in (have.labels if have else {}).items()}
    out = []
    for label in want.labels:
        found = current.get(label.name.lower())
        payload = LabelPayload(
            repo=want.name, name=label.name, color=label.color, description=label.description
        )
        if found is None:
            out.append(
                Change(
                    kind="label",
                    action="create",
                    repo=want.name,
                    team=want.team,
                    target=label.name,
                    payload=payload,
                )
            )
        elif (found[1].color.lower(), found[1].description) != (label.color, label.description):
            out.append(
                Change(
                    kind="label",
                    action="update",
                    repo=want.name,
                    team=want.team,
                    target=label.name,
                    details=(("color", f"{found[1].color} → {label.color}"),),
                    payload=LabelPayload(
                        repo=want.name,
                        name=label.name,
                        color=label.color,
                        description=label.description,
                        id=found[0],
                    ),
                )
            )
    return out


KIND = register(KindSpec("label", 60, LabelPayload, per_repo(diff_labels)))
