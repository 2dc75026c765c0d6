"""The kind registry: built-in order; a throwaway kind planned and applied by registering it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from cohort.github.executor import Executor, phases
from cohort.github.mutations import Mutation
from cohort.github.ports import GraphQLResult
from cohort.github.routes import Route
from cohort.github.writers import WriteContext, Writer, registered_writer, writer, writers
from cohort.reconcile.kinds import KindSpec, kinds, order
from cohort.reconcile.model import ActualState, DesiredState
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.planner import make_plan
from cohort.reconcile.registry import DuplicateKindError, register, registered
from tests.reconcile.helpers import desired_for, example_cohort, matching_actual

BUILT_IN = (
    "team", "repo", "topics", "milestone", "pages", "files", "label", "protection", "team-repo",
    "issue", "onboarding", "invitation", "team-member", "collaborator", "retire", "archive",
)  # fmt: skip


def test_built_in_kinds_keep_their_plan_order() -> None:
    assert order() == BUILT_IN


def test_every_kind_has_a_writer() -> None:
    assert sorted(writers()) == sorted(k.name for k in kinds())


def test_a_kind_cannot_take_a_used_name_or_position() -> None:
    team = next(k for k in kinds() if k.name == "team")
    with pytest.raises(DuplicateKindError, match="registered twice"):
        register(team)
    with pytest.raises(DuplicateKindError, match="position of 'team'"):
        register(KindSpec("other", team.position, Payload, team.diff))


# --- a throwaway kind: a pinned "welcome" issue comment per repository --------------------


@dataclass(frozen=True)
class WelcomePayload(Payload):
    repo: str
    text: str


def diff_welcome(desired: DesiredState, actual: ActualState) -> list[Change]:
    return [
        Change(
            kind="welcome",
            action="create",
            repo=name,
            team=repo.team,
            target=f"welcome to {name}",
            payload=WelcomePayload(repo=name, text=f"Welcome, team {repo.team}!"),
        )
        for name, repo in desired.repos.items()
        if actual.repos.get(name) is not None
    ]


def write_welcome(changes: Sequence[Change], ctx: WriteContext) -> None:
    for change in changes:
        p = change.payload_as(WelcomePayload)
        ctx.client.rest("POST", f"/repos/{ctx.org}/{p.repo}/welcome", {"body": p.text})
        ctx.done(change)


class FakeGitHub:
    """Records REST writes; any GraphQL would be a bug for this plan."""

    def __init__(self) -> None:
        self.written: dict[str, dict[str, Any]] = {}

    def rest(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        assert method == "POST"
        self.written[path] = body or {}
        return None

    def call(
        self,
        route: Route,
        *,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        **where: str | int,
    ) -> Any:
        raise AssertionError("no declared route expected")

    def graphql(self, document: str, variables: dict[str, Any] | None = None) -> GraphQLResult:
        raise AssertionError("no GraphQL expected")


@pytest.fixture
def welcome() -> Iterator[None]:
    kind = KindSpec("welcome", 115, WelcomePayload, diff_welcome)  # between collaborator, archive
    with registered(kind), registered_writer(Writer("welcome", 75, write=write_welcome)):
        yield


@pytest.mark.usefixtures("welcome")
def test_a_registered_kind_is_planned_in_its_place_and_applied() -> None:
    desired = desired_for(example_cohort())
    actual = matching_actual(desired)
    plan = make_plan(desired, actual)
    assert order()[-2:] == ("welcome", "archive")
    assert [c.target for c in plan.changes] == [f"welcome to {n}" for n in desired.repos]

    fake = FakeGitHub()
    applied = Executor(fake, desired, actual).run(plan)

    assert applied == list(plan.changes)
    assert fake.written == {
        f"/repos/{desired.org}/{name}/welcome": {"body": f"Welcome, team {repo.team}!"}
        for name, repo in desired.repos.items()
    }


def test_a_throwaway_kind_leaves_nothing_behind() -> None:
    with registered(KindSpec("welcome", 115, WelcomePayload, diff_welcome)):
        assert "welcome" in order()
    assert order() == BUILT_IN


def test_a_phase_may_not_mix_rest_and_graphql_writers() -> None:
    rest = Writer("a", 5, write=write_welcome)
    graphql = Writer("b", 5, build=lambda changes, ctx: [])
    with pytest.raises(AssertionError, match="mixes REST and GraphQL"):
        phases([rest, graphql])


def test_a_writer_needs_exactly_one_way_to_write() -> None:
    with pytest.raises(ValueError, match="exactly one of write and build"):
        Writer("a", 5)


def test_writers_run_by_phase_then_plan_order() -> None:
    team = writer("team")
    member = writer("team-member")
    topics, label = writer("topics"), writer("label")
    assert phases([team, topics, label, member]) == [[team], [topics, label], [member]]


def test_a_differ_must_plan_its_own_kind_with_its_own_payload() -> None:
    def sloppy(desired: DesiredState, actual: ActualState) -> list[Change]:
        return [Change(kind="sloppy", action="create", repo=None, team=None, target="x")]

    desired = desired_for(example_cohort())
    with (
        registered(KindSpec("sloppy", 116, WelcomePayload, sloppy)),
        pytest.raises(AssertionError, match="carrying Payload"),
    ):
        make_plan(desired, matching_actual(desired))


class FakeGraphQL(FakeGitHub):
    """Answers every mutation of a document; keeps the documents it was sent."""

    def __init__(self) -> None:
        super().__init__()
        self.documents: list[str] = []

    def graphql(self, document: str, variables: dict[str, Any] | None = None) -> GraphQLResult:
        self.documents.append(document)
        count = document.count("clientMutationId")
        return GraphQLResult({f"m{i}": {"clientMutationId": None} for i in range(count)}, [])


def build_pins(changes: Sequence[Change], ctx: WriteContext) -> list[Mutation]:
    out = []
    for change in changes:
        p = change.payload_as(WelcomePayload)
        m = Mutation("pinWelcome", {"repositoryId": ctx.repo_id(p.repo)}, "clientMutationId")
        m.tags, m.repo = (change,), p.repo
        out.append(m)
    return out


def test_a_graphql_kind_is_batched_with_its_phase() -> None:
    desired = desired_for(example_cohort())
    actual = matching_actual(desired)
    kind = KindSpec("welcome", 115, WelcomePayload, diff_welcome)
    with registered(kind), registered_writer(Writer("welcome", 40, build=build_pins)):
        plan = make_plan(desired, actual)
        fake = FakeGraphQL()
        applied = Executor(fake, desired, actual).run(plan)
    assert applied == list(plan.changes)
    assert len(fake.documents) == 1
    assert fake.documents[0].count("pinWelcome(") == len(desired.repos)
