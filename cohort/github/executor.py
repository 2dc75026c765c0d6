"""Execute a plan phase by phase: REST where GitHub has no mutation, batched GraphQL elsewhere.

What each kind does and when is its registered writer (``cohort.github.writers``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial

from cohort.clock import SystemClock
from cohort.errors import GitHubError, OutcomeUnknownError
from cohort.github import mutations as mut
from cohort.github.ids import Ids
from cohort.github.pacing import Pacer
from cohort.github.ports import GitHubPort, GraphQLResult
from cohort.github.schedule import ContentStep, interleave
from cohort.github.writers import WriteContext, Writer, writer
from cohort.reconcile.model import ActualState, DesiredState
from cohort.reconcile.plan import Change, Plan

Progress = Callable[[Change, str], None]
TOO_BIG = frozenset({"RESOURCE_LIMITS_EXCEEDED", "MAX_NODE_LIMIT_EXCEEDED"})


class Executor:
    """Runs one plan in writer phase order; raises on the first failure (the caller re-plans)."""

    def __init__(
        self,
        client: GitHubPort,
        desired: DesiredState,
        actual: ActualState,
        progress: Progress | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.client = client
        self.desired = desired
        self.org = desired.org
        self.ids = Ids.from_actual(actual)
        self.progress = progress or (lambda change, status: None)
        self.applied: list[Change] = []
        self.finished: set[object] = set()
        self.context = WriteContext(client, desired, self.ids, self._done, actual.viewer)
        self.pacer = pacer or Pacer(SystemClock())

    def run(self, plan: Plan) -> list[Change]:
        """Phases in order, but content-creating writes as early as they can go.

        GitHub's caps (80 created objects a minute, 500 an hour) set a large cohort's run
        time: a ``follows`` writer's changes (invitations) go right behind their team's
        creation; a ``content_after`` writer's documents (issues) go as soon as what they
        need exists in their repositories, and every other write fills the caps' waits.
        """
        by_kind: dict[str, list[Change]] = defaultdict(list)
        for change in plan.changes:
            by_kind[change.kind].append(change)
        used = [writer(kind) for kind in by_kind]
        followers = [w for w in used if w.follows]
        content = [w for w in used if w.content_after]
        needed = {k for w in content for k in w.content_after if k in by_kind}
        rest = phases([w for w in used if w not in followers and w not in content])
        split = next((i for i, ph in enumerate(rest) if {w.kind for w in ph} & needed), len(rest))
        self._whole(rest[:split], followers, by_kind)
        plain = self._by_repo(rest[split:], needed, by_kind)
        steps = [
            self._content(w, group, by_kind)
            for w in content
            for group in _groups(by_kind[w.kind], w.build is None)
        ]
        interleave(steps, plain, self.pacer, self.finished)
        return self.applied

    def _whole(
        self, early: list[list[Writer]], followers: list[Writer], by_kind: dict[str, list[Change]]
    ) -> None:
        """Run ``early`` phases whole; a follower's changes go right behind what they follow."""
        lead = {w.follows for w in followers}
        waiting = {w.kind: list(by_kind[w.kind]) for w in followers}
        teams = {c.team for ph in early for w in ph if w.kind in lead for c in by_kind[w.kind]}
        for w in followers:  # changes whose team is not created in this plan go first
            self._write(w, [c for c in waiting[w.kind] if c.team not in teams])
        for phase in early:
            for w in phase:
                if w.kind not in lead:
                    self._run_phase([w], by_kind)
                    continue
                for change in by_kind[w.kind]:
                    self._write(w, [change])
                    for f in followers:
                        self._write(f, [c for c in waiting[f.kind] if c.team == change.team])

    def _by_repo(
        self, late: list[list[Writer]], needed: set[str], by_kind: dict[str, list[Change]]
    ) -> list[Callable[[], None]]:
        """Steps of the later phases; where content waits, a repository's at a time."""
        steps: list[Callable[[], None]] = []
        held: list[tuple[str | None, Callable[[], None]]] = []  # REST steps content waits for
        for phase in late:
            urgent = bool({w.kind for w in phase} & needed)
            if phase[0].build is None:
                for w in phase:
                    for c in by_kind[w.kind]:
                        step = partial(self._write, w, [c])
                        if urgent:  # goes right before the first document of its repository
                            held.append((c.repo, step))
                        else:
                            steps.append(step)
                continue
            for doc in self._documents(phase, by_kind, by_repo=urgent):
                repos = {m.repo for m in doc.mutations}
                steps += [s for r, s in held if r in repos]
                held = [(r, s) for r, s in held if r not in repos]
                steps.append(partial(self._send, doc))
        return [s for _, s in held] + steps

    def _content(
        self, w: Writer, group: list[Change], by_kind: dict[str, list[Change]]
    ) -> ContentStep:
        """One document's worth of content, built when sent (it needs IDs made before); for a
        REST writer, one change (an update of content creates nothing, so never waits a cap)."""
        repos = {c.repo for c in group}
        needs = frozenset(c for k in w.content_after for c in by_kind[k] if c.repo in repos)
        created = sum(1 for c in group if c.action == "create")
        if w.build is None:
            return ContentStep(created, needs, partial(self._write, w, group))
        build = w.build
        return ContentStep(created, needs, lambda: self._graphql(build(group, self.context)))

    def _run_phase(self, phase: list[Writer], by_kind: dict[str, list[Change]]) -> None:
        if phase[0].build is None:
            for w in phase:
                self._write(w, by_kind[w.kind])
        else:
            for doc in self._documents(phase, by_kind):
                self._send(doc)

    def _write(self, w: Writer, changes: list[Change]) -> None:
        if changes:
            assert w.write is not None
            w.write(changes, self.context)

    def _documents(
        self, phase: list[Writer], by_kind: dict[str, list[Change]], *, by_repo: bool = False
    ) -> list[mut.Document]:
        pending = [m for w in phase if w.build for m in w.build(by_kind[w.kind], self.context)]
        if by_repo:
            rank = {name: i for i, name in enumerate(self.desired.repos)}
            pending.sort(key=lambda m: rank.get(m.repo, len(rank)))
        return mut.chunk(pending)

    def _done(self, change: Change) -> None:
        self.applied.append(change)
        self.finished.add(change)
        self.progress(change, "done")

    def _graphql(self, pending: list[mut.Mutation]) -> None:
        for doc in mut.chunk(pending):
            self._send(doc)

    def _send(self, doc: mut.Document) -> None:
        """Send one document; one refused as too big before anything ran is sent in halves."""
        try:
            result = self.client.graphql(doc.text(), doc.variables())
        except GitHubError as exc:
            if exc.status != 413 or len(doc.mutations) < 2:
                raise
            result = None
        if len(doc.mutations) > 1 and (result is None or _refused_for_size(result)):
            for half in doc.halves():
                self._send(half)
            return
        assert result is not None
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


def _refused_for_size(result: GraphQLResult) -> bool:
    """Refused whole (no data at all) as too big: nothing in the document ran."""
    return not result.data and bool(result.error_types() & TOO_BIG)


def _groups(changes: list[Change], one_by_one: bool = False) -> list[list[Change]]:
    """Content changes in document-sized groups (REST: one each), in plan (repository) order."""
    size = 1 if one_by_one else mut.MAX_CONTENT
    return [changes[i : i + size] for i in range(0, len(changes), size)]


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
