"""Seeding a sandbox: users, organizations, tokens and GitHub Apps."""

from __future__ import annotations

from collections.abc import Sequence

from cohort.clock import Clock
from cohort.sandbox.state import App, Org, State, User
from cohort.sandbox.tokens import mint_personal_token
from cohort.sandbox.webhooks import DEFAULT_EVENTS
from cohort.sandbox.wire import iso


class Seeding:
    """Methods that put people, organizations and Apps into ``self.state``."""

    state: State
    clock: Clock

    def add_user(self, login: str, *, name: str | None = None, type: str = "User") -> str:
        """A person (logins are case-insensitive: the first spelling seen is GitHub's)."""
        known = self.state.canonical(login)
        if known is not None:
            return known
        number, node_id = self.state.node(type)
        self.state.users[login] = User(login, number, node_id, name, type, iso(self.clock.wall()))
        return login

    def add_org(
        self,
        login: str,
        *,
        owners: list[str],
        members: Sequence[str] = (),
        plan: str = "free",
        established: bool = False,
    ) -> None:
        """An organization; owners and members are created as users if needed.

        ``established``: older than a month (GitHub then allows 500 invitations a day, not 50).
        """
        owners = [self.add_user(person) for person in owners]
        members = [self.add_user(person) for person in members]
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
            established,
        )

    def issue_token(self, login: str, *, scopes: list[str] | None = None) -> str:
        """A classic personal token (``ghp_…``) for ``login``; all scopes unless ``scopes``."""
        login = self.add_user(login)
        return mint_personal_token(self.state, login, scopes).token

    def token_for(self, login: str) -> str:
        """``login``'s classic token: the one already issued, or a new one."""
        found = next(
            (t.token for t in self.state.tokens.values() if t.kind == "user" and t.login == login),
            None,
        )
        return found or self.issue_token(login)

    def register_app(
        self,
        app_id: int,
        slug: str,
        public_key_pem: str,
        *,
        permissions: dict[str, str],
        org: str,
        webhook_url: str | None = None,
        webhook_secret: str = "",
        events: Sequence[str] = DEFAULT_EVENTS,
        repositories: Sequence[str] | None = None,
    ) -> int:
        """Register an App installed on ``org``; returns the installation id.

        With ``webhook_url`` the sandbox records a signed delivery for each subscribed event.
        With ``repositories`` (names) the installation reaches only those ("Only select
        repositories"); change ``state.apps[app_id].selected`` to grant or withdraw one.
        """
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
            webhook_url,
            webhook_secret,
            list(events),
            "all" if repositories is None else "selected",
            list(repositories or ()),
        )
        return installation_id

    def accept_invitations(self, login: str) -> list[str]:
        """Act as ``login`` accepting every pending org, team and repository invitation."""
        from cohort.sandbox.rest_invitations import accept

        return accept(self.state, self.state.canonical(login) or login, self.clock.wall())
