"""App auth against the sandbox: a JWT signed with the App key mints a narrowed token."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cohort.clock import SimulatedClock
from cohort.errors import GitHubError, MissingPermissionError, UsageError
from cohort.github.app_auth import READ_PERMISSIONS, app_client, installation_token
from cohort.sandbox import Sandbox, SandboxTransport


def key_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@pytest.fixture(scope="module")
def keys() -> tuple[str, str]:
    return key_pair()


def sandbox_with_app(public: str) -> Sandbox:
    box = Sandbox(clock=SimulatedClock())
    box.add_org("app-org", owners=["owner"])
    box.register_app(
        42,
        "cohort-bot",
        public,
        org="app-org",
        permissions=dict.fromkeys(READ_PERMISSIONS, "write") | {"metadata": "read"},
    )
    return box


def test_installation_token_is_narrowed_to_the_permissions_asked_for(keys: tuple[str, str]) -> None:
    private, public = keys
    box = sandbox_with_app(public)
    minted = installation_token(
        42,
        private,
        "app-org",
        api_url="https://api.github.com",
        permissions=READ_PERMISSIONS,
        transport=SandboxTransport(box),
        clock=box.clock,
    )
    assert minted.permissions == READ_PERMISSIONS
    assert minted.token not in repr(minted)


def test_read_only_client_cannot_write(keys: tuple[str, str]) -> None:
    private, public = keys
    box = sandbox_with_app(public)
    client = app_client(
        42,
        private,
        "app-org",
        api_url="https://api.github.com",
        write=False,
        transport=SandboxTransport(box),
        clock=box.clock,
    )
    with pytest.raises(MissingPermissionError) as refused:
        client.rest("POST", "/orgs/app-org/teams", {"name": "nope"})
    assert (refused.value.status, refused.value.method) == (403, "POST")
    assert refused.value.path == "/orgs/app-org/teams"
    assert box.state.team("app-org", "nope") is None


def test_a_wrong_key_is_refused_as_github_refuses_it(keys: tuple[str, str]) -> None:
    _, public = keys
    other, _ = key_pair()
    box = sandbox_with_app(public)
    with pytest.raises(GitHubError) as refused:
        installation_token(
            42,
            other,
            "app-org",
            api_url="https://api.github.com",
            permissions=READ_PERMISSIONS,
            transport=SandboxTransport(box),
            clock=box.clock,
        )
    assert refused.value.status == 401


def test_a_key_that_is_not_pem_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="not a valid RSA PEM key"):
        installation_token(
            42,
            "not a key",
            "app-org",
            api_url="https://api.github.com",
            permissions=READ_PERMISSIONS,
        )
