"""Execute a plan: REST where GitHub has no mutation, batched GraphQL documents elsewhere."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from cohort.errors import OutcomeUnknownError
from cohort.github import mutations as mut
from cohort.github.build_mutations import build
from cohort.github.client import Client
from cohort.github.ids import Ids
from cohort.github.schedule import ContentStep, interleave
from cohort.reconcile.model import ActualState, DesiredState
from cohort.reconcile.plan import Change, Plan

Progress = Callable[[Change, str], None]
PLAIN_GRAPHQL = ("topics", "files", "protection", "team-repo")


class Executor:
    """Runs one plan in kind order; raises on the first failure (the caller re-plans)."""

    def __init__(
        self,
        client: Client,
        desired: DesiredState,
        actual: ActualState,
        progress: Progress | None = None,
    ) -> None:
        self.client = client
        self.desired = desired
        self.org = desired.org
        self.ids = Ids.from_actual(actual)
        self.viewer = actual.viewer
        self.progress = progress or (lambda change, status: None)
        self.applied: list[Change] = []
        self.finished: set[object] = set()

    def run(self, plan: Plan) -> list[Change]:
        """Content-creating writes as early as their prerequisites allow; plain writes fill in.

        GitHub's caps (80 created objects a minute, 500 an hour) set a large cohort's run time,
        so invitations (team memberships) go right after their team is created, issues right
        after their labels and milestones, and other writes fill the waits for the caps.
        """
        by_kind: dict[str, list[Change]] = defaultdict(list)
        for change in plan.changes:
            by_kind[change.kind].append(change)
        members: dict[str, list[Change]] = defaultdict(list)
        for c in by_kind["team-member"]:
            members[str(c.data["team"])].append(c)
        for c in by_kind["team"]:
            self._each([c], self._team)
            self._each(members.pop(str(c.data["slug"]), []), self._team_member)
        self._each([c for group in members.values() for c in group], self._team_member)
        self._each(by_kind["repo"], self._repo)
        created = [c.data["name"] for c in by_kind["repo"] if c.action == "create"]
        if created:
            self.ids.refresh_heads(self.client, self.org, [str(n) for n in created])
        plain = self._prerequisites(by_kind["milestone"], by_kind["label"])
        plain += [
            partial(self._send, doc)
            for doc in mut.chunk(build(_plain_graphql(by_kind), self.desired, self.ids))
        ]
        for kind in ("collaborator", "archive"):
            step = getattr(self, "_" + kind)
            plain += [partial(self._each, [c], step) for c in by_kind[kind]]
        content = [self._issues(group, by_kind) for group in _groups(by_kind["issue"])]
        interleave(content, plain, self.client.transport.pacer, self.finished)
        return self.applied

    def _prerequisites(
        self, milestones: list[Change], labels: list[Change]
    ) -> list[Callable[[], None]]:
        """Milestones and label documents, repository by repository, so issues start early."""
        steps: list[Callable[[], None]] = []
        left = list(milestones)
        for doc in mut.chunk(build(labels, self.desired, self.ids)):
            repos = {m.repo for m in doc.mutations}
            steps += [partial(self._each, [c], self._milestone) for c in left if c.repo in repos]
            left = [c for c in left if c.repo not in repos]
            steps.append(partial(self._send, doc))
        return steps + [partial(self._each, [c], self._milestone) for c in left]

    def _issues(self, group: list[Change], by_kind: dict[str, list[Change]]) -> ContentStep:
        """One document of issues, built when sent (it needs the new label and milestone IDs)."""
        repos = {c.repo for c in group}
        needs = frozenset(
            c for kind in ("milestone", "label") for c in by_kind[kind] if c.repo in repos
        )
        return ContentStep(len(group), needs, partial(self._graphql, group))

    def _each(self, changes: list[Change], step: Callable[[Change], None]) -> None:
        for change in changes:
            step(change)
            self._done(change)

    def _done(self, change: Change) -> None:
        self.applied.append(change)
        self.finished.add(change)
        self.progress(change, "done")

    # --- REST steps -----------------------------------------------------------------------
    def _team(self, c: Change) -> None:
        """Create a team with its org-member maintainers; its creator leaves unless wanted."""
        maintainers = [str(m) for m in c.data.get("maintainers") or []]  # type: ignore[attr-defined]
        body = self.client.rest(
            "POST",
            f"/orgs/{self.org}/teams",
            {
                "name": c.data["name"],
                "description": c.data["description"],
                "privacy": "closed",
                "maintainers": maintainers,
            },
        )
        slug = str(c.data["slug"])
        self.ids.teams[slug] = (body["node_id"], int(body["id"]))
        if self._creator_leaves(slug, maintainers):
            self.client.rest("DELETE", f"/orgs/{self.org}/teams/{slug}/memberships/{self.viewer}")

    def _creator_leaves(self, slug: str, maintainers: list[str]) -> bool:
        """GitHub makes a user who creates a team its maintainer; drop one the cohort lacks."""
        viewer = self.viewer.lower()
        team = self.desired.teams.get(slug)
        wanted = {m.lower() for m in team.members} if team else set()
        protected = {k.lower() for k in self.desired.protected_logins}
        return bool(
            viewer
            and not viewer.endswith("[bot]")
            and viewer not in wanted | protected
            and viewer not in {m.lower() for m in maintainers}
        )

    def _repo(self, c: Change) -> None:
        name = str(c.data["name"])
        if c.action == "update":
            self.client.rest(
                "PATCH",
                f"/repos/{self.org}/{name}",
                {"description": c.data["description"], "visibility": c.data["visibility"]},
            )
            return
        body: dict[str, Any] = {
            "name": name,
            "description": c.data["description"],
            "visibility": c.data["visibility"],
            "auto_init": True,
            "has_wiki": False,
        }
        team = self.ids.teams.get(str(c.data["team"]))
        if team:
            body["team_id"] = team[1]
        created = self.client.rest("POST", f"/orgs/{self.org}/repos", body)
        self.ids.repos[name] = created["node_id"]

    def _milestone(self, c: Change) -> None:
        repo = str(c.data["repo"])
        body = {
            "title": c.data["title"],
            "description": c.data["description"],
            "due_on": f"{c.data['due_on']}T12:00:00Z",
        }
        if c.action == "update":
            self.client.rest(
                "PATCH", f"/repos/{self.org}/{repo}/milestones/{c.data['number']}", body
            )
            return
        made = self.client.rest("POST", f"/repos/{self.org}/{repo}/milestones", body)
        self.ids.milestones[(repo, str(c.data["title"]))] = made["node_id"]

    def _team_member(self, c: Change) -> None:
        path = f"/orgs/{self.org}/teams/{c.data['team']}/memberships/{c.data['login']}"
        if c.action == "remove":
            self.client.rest("DELETE", path)
        else:
            self.client.rest("PUT", path, {"role": c.data["role"]})

    def _collaborator(self, c: Change) -> None:
        path = f"/repos/{self.org}/{c.data['repo']}/collaborators/{c.data['login']}"
        if c.action == "remove":
            self.client.rest("DELETE", path)
        else:
            self.client.rest("PUT", path, {"permission": c.data["permission"]})

    def _archive(self, c: Change) -> None:
        self.client.rest("PATCH", f"/repos/{self.org}/{c.data['name']}", {"archived": True})

    # --- GraphQL batches ------------------------------------------------------------------
    def _graphql(self, changes: list[Change]) -> None:
        for doc in mut.chunk(build(changes, self.desired, self.ids)):
            self._send(doc)

    def _send(self, doc: mut.Document) -> None:
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


def _groups(issues: list[Change]) -> list[list[Change]]:
    """Issues in document-sized groups, in plan (repository) order."""
    size = mut.MAX_CONTENT
    return [issues[i : i + size] for i in range(0, len(issues), size)]


def _plain_graphql(by_kind: dict[str, list[Change]]) -> list[Change]:
    return [c for kind in PLAIN_GRAPHQL for c in by_kind[kind]]
