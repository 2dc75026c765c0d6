"""Seeding a sandbox: users, organizations, tokens and GitHub Apps."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.clock import Clock
from cohort.sandbox.state import App, Org, State, User
from cohort.sandbox.tokens import mint_personal_token
from cohort.sandbox.wire import iso


class Seeding:
    """Methods that put people, organizations and Apps into ``self.state``."""

    state: State
    clock: Clock

    def add_user(self, login: str, *, name: str | None = None, type: str = "User") -> None:
        if login in self.state.users:
            return
        number, node_id = self.state.node(type)
        self.state.users[login] = User(login, number, node_id, name, type, iso(self.clock.wall()))

    def add_org(
        self, login: str, *, owners: list[str], members: Sequence[str] = (), plan: str = "free"
    ) -> None:
        """An organization; owners and members are created as users if needed."""
        for person in [*owners, *members]:
            self.add_user(person)
        number, node_id = self.state.node("Organization")
        self.add_user(login, type="Organization")
        self.state.users[login].id = number
        self.state.orgs[login] = Org(
            login,
            number,
            node_id,
            list(owners),
            [m for m in members if m not in owners],
            [],
            plan,
            iso(self.clock.wall()),
        )

    def issue_token(self, login: str) -> str:
        """A personal token (``ghp_…``) with all of ``login``'s permissions."""
        self.add_user(login)
        return mint_personal_token(self.state, login).token

    def register_app(
        self, app_id: int, slug: str, public_key_pem: str, *, permissions: dict[str, str], org: str
    ) -> int:
        """Register an App installed on ``org``; returns the installation id."""
        installation_id = self.state.next_id()
        bot = f"{slug}[bot]"
        self.add_user(bot, type="Bot")
        number, node_id = self.state.node("App")
        del number
        self.state.apps[app_id] = App(
            app_id,
            slug,
            public_key_pem,
            dict(permissions),
            org,
            installation_id,
            node_id,
            iso(self.clock.wall()),
        )
        return installation_id

    def accept_invitations(self, login: str) -> None:
        """Act as ``login`` accepting every pending org, team and repository invitation."""
        for org in self.state.orgs.values():
            if any(i.login == login for i in org.invitations):
                org.invitations = [i for i in org.invitations if i.login != login]
                org.members.append(login)
        for team in self.state.teams.values():
            if login in team.pending and self.state.orgs[team.org].is_member(login):
                team.members[login] = team.pending.pop(login)
        for repo in self.state.repos.values():
            for inv in [i for i in repo.invitations if i.invitee == login]:
                repo.collaborators[login] = inv.permission
                repo.invitations.remove(inv)
