"""Execute a plan phase by phase: REST where GitHub has no mutation, batched GraphQL elsewhere.

What each kind does and when is its registered writer (``cohort.github.writers``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from cohort.errors import OutcomeUnknownError
from cohort.github import mutations as mut
from cohort.github.ids import Ids
from cohort.github.ports import GitHubPort
from cohort.github.writers import WriteContext, Writer, writer
from cohort.reconcile.model import ActualState, DesiredState
from cohort.reconcile.plan import Change, Plan

Progress = Callable[[Change, str], None]


class Executor:
    """Runs one plan in writer phase order; raises on the first failure (the caller re-plans)."""

    def __init__(
        self,
        client: GitHubPort,
        desired: DesiredState,
        actual: ActualState,
        progress: Progress | None = None,
    ) -> None:
        self.client = client
        self.desired = desired
        self.org = desired.org
        self.ids = Ids.from_actual(actual)
        self.progress = progress or (lambda change, status: None)
        self.applied: list[Change] = []
        self.context = WriteContext(client, desired, self.ids, self._done)

    def run(self, plan: Plan) -> list[Change]:
        by_kind: dict[str, list[Change]] = defaultdict(list)
        for change in plan.changes:
            by_kind[change.kind].append(change)
        for phase in phases([writer(kind) for kind in by_kind]):
            if phase[0].build is None:
                for w in phase:
                    assert w.write is not None
                    w.write(by_kind[w.kind], self.context)
            else:
                self._graphql(
                    [m for w in phase if w.build for m in w.build(by_kind[w.kind], self.context)]
                )
        return self.applied

    def _done(self, change: Change) -> None:
        self.applied.append(change)
        self.progress(change, "done")

    def _graphql(self, pending: list[mut.Mutation]) -> None:
        for doc in mut.chunk(pending):
            result = self.client.graphql(doc.text())
            missing = 0
            for i, m in enumerate(doc.mutations):
                data = result.data.get(f"m{i}")
                if data is None:
                    missing += 1
                else:
                    self.ids.record(m, data)
            if result.errors or missing:
                messages = "; ".join(str(e.get("message")) for e in result.errors[:3])
                raise OutcomeUnknownError(
                    f"a batched GraphQL write applied {len(doc.mutations) - missing} of "
                    f"{len(doc.mutations)} mutations: {messages or 'no result'}"
                )
            for change in dict.fromkeys(t for m in doc.mutations for t in m.tags):
                if isinstance(change, Change):
                    self._done(change)


def phases(used: list[Writer]) -> list[list[Writer]]:
    """Writers grouped by phase, in phase order; within a phase, in plan (kind) order.

    ``used`` comes in plan order. A phase mixing REST and GraphQL writers is a bug.
    """
    grouped: dict[int, list[Writer]] = defaultdict(list)
    for w in used:
        grouped[w.phase].append(w)
    out = []
    for phase in sorted(grouped):
        group = grouped[phase]
        if len({w.build is None for w in group}) > 1:
            names = ", ".join(w.kind for w in group)
            raise AssertionError(f"phase {phase} mixes REST and GraphQL writers ({names})")
        out.append(group)
    return out
