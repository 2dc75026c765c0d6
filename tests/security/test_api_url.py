"""Hole 1: a token is only ever sent to the API root the operator chose, never cohort.yml's."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.config.api_url import ApiUrlError, choose_api_url, url_problem
from cohort.config.load import parse_cohort
from cohort.errors import InvalidInput
from tests.conftest import EXAMPLE, KNOWN_TEMPLATES


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """An attacker's HTTP listener on loopback that records whatever reaches it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(5)
    received: list[bytes] = []

    def accept() -> None:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(2)
            with contextlib.suppress(OSError):
                received.append(conn.recv(65536))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", received
    with contextlib.suppress(OSError):
        server.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
    server.close()
    thread.join(timeout=5)


def with_api_url(tmp_path: Path, url: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    marker = "program:\n"
    assert marker in text
    path = tmp_path / "cohort.yml"
    path.write_text(text.replace(marker, marker + f"  api_url: {url}\n"), encoding="utf-8")
    return path


def test_plan_never_sends_the_token_to_a_host_named_in_cohort_yml(
    tmp_path: Path,
    listener: tuple[str, list[bytes]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, received = listener
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secret_never_leaves")
    monkeypatch.delenv("GITHUB_API_URL", raising=False)
    code = run(["plan", str(with_api_url(tmp_path, url))])
    assert code == 3
    err = capsys.readouterr().err
    assert f"cohort.yml says program.api_url '{url}'" in err
    assert "'https://api.github.com'" in err
    assert received == []


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://evil.example/api/v3", "plain http is allowed only for loopback"),
        ("ftp://evil.example", "use https://HOST"),
        ("https://user:pw@ghes.example", "credentials in the URL are not allowed"),
        ("https://ghes.example/api/v3?x=1", "a query or fragment is not allowed"),
    ],
)
def test_unsafe_api_url_in_cohort_yml_is_a_located_problem(url: str, problem: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "program:\n", f"program:\n  api_url: '{url}'\n"
    )
    with pytest.raises(InvalidInput) as info:
        parse_cohort(text, "cohort.yml", KNOWN_TEMPLATES)
    [found] = [p for p in info.value.problems if p.path == "program.api_url"]
    assert found.line > 0
    assert problem in found.message


def test_the_operator_choice_wins_and_a_matching_hint_is_accepted() -> None:
    assert choose_api_url(None, None) == "https://api.github.com"
    assert choose_api_url("https://GHES.example/api/v3/", "https://ghes.example/api/v3") == (
        "https://GHES.example/api/v3"
    )
    assert choose_api_url("http://127.0.0.1:8080", None) == "http://127.0.0.1:8080"
    with pytest.raises(ApiUrlError, match="the token is sent only to the host you choose"):
        choose_api_url(None, "https://ghes.example/api/v3")
    with pytest.raises(ApiUrlError, match="plain http is allowed only for loopback"):
        choose_api_url("http://ghes.example/api/v3", None)


def test_loopback_forms_are_the_only_plain_http_hosts() -> None:
    assert url_problem("http://localhost:9") == ""
    assert url_problem("http://[::1]:9") == ""
    assert url_problem("http://127.5.6.7") == ""
    assert url_problem("http://127.0.0.1.evil.example") != ""
    assert url_problem("http://localhost.evil.example") != ""
