"""GitHub clients for the App: one installation token per installation, cached until expiry."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from cohort.app import endpoints as ep
from cohort.app.endpoints import required_permissions
from cohort.clock import Clock, SystemClock
from cohort.github.app_auth import app_jwt
from cohort.github.client import DEFAULT_API, Client
from cohort.github.pacing import Pacing

REFRESH_MARGIN = 300.0  # renew a token five minutes before it expires


class ClientFactory(Protocol):
    """A client acting for the installation that sent an event."""

    def for_installation(self, installation_id: int | None) -> Client: ...


@dataclass
class TokenClients:
    """One fixed token (a workflow's GITHUB_TOKEN, or a sandbox token)."""

    token: str
    api_url: str = DEFAULT_API
    transport: httpx.BaseTransport | None = None
    clock: Clock | None = None
    pacing: Pacing | None = None

    def for_installation(self, installation_id: int | None) -> Client:
        del installation_id
        return Client(
            self.token,
            api_url=self.api_url,
            transport=self.transport,
            clock=self.clock,
            pacing=self.pacing,
        )


@dataclass
class AppClients:
    """Installation tokens narrowed to the manifest's permissions, minted with the App JWT."""

    app_id: int
    private_key: str = field(repr=False)
    api_url: str = DEFAULT_API
    transport: httpx.BaseTransport | None = None
    clock: Clock = field(default_factory=SystemClock)
    pacing: Pacing | None = None
    _tokens: dict[int, tuple[float, str]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def for_installation(self, installation_id: int | None) -> Client:
        if installation_id is None:
            raise ValueError("the event names no installation")
        return Client(
            self._token(installation_id),
            api_url=self.api_url,
            transport=self.transport,
            clock=self.clock,
            pacing=self.pacing,
        )

    def for_app(self) -> Client:
        """A client acting as the App itself (JWT): installations, hook deliveries."""
        bearer = app_jwt(self.app_id, self.private_key, self.clock)
        return Client(bearer, api_url=self.api_url, transport=self.transport, clock=self.clock)

    def _token(self, installation_id: int) -> str:
        with self._lock:
            hit = self._tokens.get(installation_id)
            if hit is not None and hit[0] - REFRESH_MARGIN > self.clock.wall():
                return hit[1]
        bearer = app_jwt(self.app_id, self.private_key, self.clock)
        jwt_client = Client(
            bearer, api_url=self.api_url, transport=self.transport, clock=self.clock
        )
        minted = jwt_client.call(
            ep.INSTALLATION_TOKEN,
            body={"permissions": required_permissions()},
            installation_id=installation_id,
        )
        expires = dt.datetime.fromisoformat(str(minted["expires_at"]).replace("Z", "+00:00"))
        with self._lock:
            self._tokens[installation_id] = (expires.timestamp(), str(minted["token"]))
        return str(minted["token"])
