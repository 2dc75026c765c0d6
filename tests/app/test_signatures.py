"""Only GitHub-signed deliveries get in: bad signatures are 401 before anything is parsed."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cohort.app.running import background
from cohort.app.server import make_app
from cohort.app.store import SQLiteStore
from tests.app.e2e import SECRET, headers, settings

BODY = b'{"action": "opened", "zen": "Keep it logically awesome."}'
GOOD = headers(BODY, "sig-ok")["X-Hub-Signature-256"]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, SQLiteStore, list[bytes]]]:
    store, seen = SQLiteStore(), []
    conf = settings(lambda event, delivery, body: seen.append(body), store, count=1)
    with background(make_app(conf)) as url, httpx.Client(base_url=url) as http:
        yield http, store, seen
    store.close()


def post(http: httpx.Client, body: bytes, signature: str | None, delivery: str) -> int:
    sent = headers(body, delivery)
    if signature is None:
        del sent["X-Hub-Signature-256"]
    else:
        sent["X-Hub-Signature-256"] = signature
    return http.post("/webhook", content=body, headers=sent).status_code


@pytest.mark.parametrize(
    ("name", "signature"),
    [
        ("missing", None),
        ("sha1", "sha1=" + "0" * 40),
        ("truncated", GOOD[:-2]),
        ("one byte off", GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1")),
        ("other secret", headers(BODY, "x", secret=SECRET + "!")["X-Hub-Signature-256"]),
    ],
)
def test_bad_signature_is_401_and_never_stored(
    served: tuple[httpx.Client, SQLiteStore, list[bytes]], name: str, signature: str | None
) -> None:
    http, store, _ = served
    assert post(http, BODY, signature, f"bad-{name}") == 401, name
    assert store.status(f"bad-{name}") is None


def test_unparseable_body_with_bad_signature_is_401_not_400(
    served: tuple[httpx.Client, SQLiteStore, list[bytes]],
) -> None:
    http, _store, _ = served
    assert post(http, b"\xff not json {", "sha256=" + "0" * 64, "garbage") == 401


def test_signed_delivery_is_accepted(
    served: tuple[httpx.Client, SQLiteStore, list[bytes]],
) -> None:
    http, store, _ = served
    assert post(http, BODY, GOOD, "sig-ok") == 202
    assert store.status("sig-ok") in ("queued", "running", "done")
