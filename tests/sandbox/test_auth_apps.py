"""Tokens, App JWTs, installation tokens narrowed to repositories and permissions."""

from __future__ import annotations

import time
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from githubkit import AppAuthStrategy, GitHub
from githubkit.exception import GraphQLFailed, RequestFailed

from cohort.clock import SimulatedClock
from cohort.sandbox import Sandbox, SandboxTransport
from tests.sandbox.conftest import github


def _key() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public.decode()


@pytest.fixture(scope="module")
def keys() -> tuple[str, str]:
    return _key()


@pytest.fixture
def app_sb(keys: tuple[str, str]) -> tuple[Sandbox, int]:
    sb = Sandbox(SimulatedClock(start=time.time()), check_responses=True)
    sb.add_org("acme", owners=["olga"])
    installation = sb.register_app(
        42,
        "cohort-bot",
        keys[1],
        org="acme",
        permissions={"issues": "write", "contents": "write", "members": "read", "metadata": "read"},
    )
    owner = github(sb, sb.issue_token("olga"))
    owner.rest.repos.create_in_org("acme", name="a", auto_init=True)
    owner.rest.repos.create_in_org("acme", name="b", auto_init=True)
    return sb, installation


def _app_client(sb: Sandbox, private: str) -> GitHub[Any]:
    return GitHub(
        AppAuthStrategy(42, private),
        base_url="https://api.github.com",
        transport=SandboxTransport(sb),
        auto_retry=False,
        http_cache=False,
    )


def test_unknown_token_is_401_bad_credentials(sb: Sandbox) -> None:
    gh = github(sb, "ghp_nope")
    with pytest.raises(RequestFailed) as err:
        gh.rest.users.get_authenticated()
    assert err.value.response.status_code == 401
    assert err.value.response.json()["message"] == "Bad credentials"


def test_users(gh: GitHub[Any]) -> None:
    assert gh.rest.users.get_authenticated().parsed_data.login == "olga"
    assert gh.rest.users.get_by_username("otto").parsed_data.name == "Otto Outside"
    assert gh.rest.rate_limit.get().parsed_data.resources.core.limit == 5000
    assert gh.rest.meta.root().status_code == 200


def test_app_endpoints_and_narrowed_token(
    app_sb: tuple[Sandbox, int], keys: tuple[str, str]
) -> None:
    sb, installation = app_sb
    app = _app_client(sb, keys[0])
    authenticated = app.rest.apps.get_authenticated().parsed_data
    assert authenticated is not None
    assert authenticated.slug == "cohort-bot"
    assert [i.id for i in app.rest.apps.list_installations().parsed_data] == [installation]
    assert app.rest.apps.get_org_installation("acme").parsed_data.id == installation
    assert app.rest.apps.get_repo_installation("acme", "a").parsed_data.id == installation
    made = app.rest.apps.create_installation_access_token(
        installation, repositories=["a"], permissions={"issues": "write"}
    ).parsed_data
    assert made.token.startswith("ghs_")
    assert made.repository_selection == "selected"
    bot = github(sb, made.token)
    assert bot.rest.issues.create("acme", "a", title="ok").status_code == 201
    with pytest.raises(RequestFailed) as outside:
        bot.rest.issues.create("acme", "b", title="no")
    assert outside.value.response.status_code == 404
    with pytest.raises(RequestFailed) as denied:
        bot.rest.repos.create_or_update_file_contents("acme", "a", "x", message="m", content="eA==")
    assert denied.value.response.status_code == 403
    assert denied.value.response.json()["message"] == "Resource not accessible by integration"
    minted = [r.kind for r in sb.log if r.operation == "apps/create-installation-access-token"]
    assert minted == ["token"]


def test_jwt_signed_with_wrong_key_is_refused(app_sb: tuple[Sandbox, int]) -> None:
    sb, _ = app_sb
    now = int(sb.clock.wall())
    token = jwt.encode(
        {"iat": now - 60, "exp": now + 540, "iss": "42"}, _key()[0], algorithm="RS256"
    )
    answer = httpx.Client(transport=SandboxTransport(sb)).get(
        "https://api.github.com/app", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 401
    assert answer.json()["message"] == "A JSON web token could not be decoded"


def test_jwt_expiry_rules(app_sb: tuple[Sandbox, int], keys: tuple[str, str]) -> None:
    sb, _ = app_sb
    now = int(sb.clock.wall())
    for iat, exp in [(now - 60, now + 3600), (now - 1200, now - 600)]:
        token = jwt.encode({"iat": iat, "exp": exp, "iss": "42"}, keys[0], algorithm="RS256")
        answer = httpx.Client(transport=SandboxTransport(sb)).get(
            "https://api.github.com/app", headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status_code == 401


def test_personal_token_of_member_cannot_create_repos(sb: Sandbox) -> None:
    gh = github(sb, sb.issue_token("mia"))
    with pytest.raises(RequestFailed) as err:
        gh.rest.repos.create_in_org("acme", name="x")
    assert err.value.response.status_code == 403


def test_an_installation_on_selected_repositories_reaches_only_those(
    keys: tuple[str, str],
) -> None:
    sb = Sandbox(SimulatedClock(start=time.time()), check_responses=True)
    sb.add_org("acme", owners=["olga"])
    installation = sb.register_app(
        42,
        "cohort-bot",
        keys[1],
        org="acme",
        permissions={"administration": "write", "issues": "write", "metadata": "read"},
        repositories=["a"],
    )
    owner = github(sb, sb.issue_token("olga"))
    for name in ("a", "b"):
        owner.rest.repos.create_in_org("acme", name=name, auto_init=True)
    app = _app_client(sb, keys[0])
    found = app.rest.apps.get_org_installation("acme").parsed_data
    assert found.repository_selection == "selected"
    with pytest.raises(RequestFailed) as outside:
        app.rest.apps.create_installation_access_token(installation, repositories=["b"])
    assert outside.value.response.status_code == 422
    made = app.rest.apps.create_installation_access_token(installation).parsed_data
    assert made.repository_selection == "selected"
    bot = github(sb, made.token)
    assert bot.rest.repos.get("acme", "a").status_code == 200
    with pytest.raises(RequestFailed) as hidden:
        bot.rest.repos.get("acme", "b")
    assert hidden.value.response.status_code == 404
    assert [r.name for r in bot.rest.repos.list_for_org("acme").parsed_data] == ["a"]
    with pytest.raises(GraphQLFailed) as unseen:
        bot.graphql('query { repository(owner: "acme", name: "b") { name } }')
    errors = unseen.value.response.errors
    assert errors is not None
    assert [e.type for e in errors] == ["NOT_FOUND"]
    created = bot.rest.repos.create_in_org("acme", name="c").parsed_data
    assert bot.rest.repos.get("acme", created.name).status_code == 200  # it created it: granted
    assert sb.state.apps[42].selected == ["a", "c"]
