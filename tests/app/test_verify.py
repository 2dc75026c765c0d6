"""Signatures: GitHub's test vector passes; anything else fails."""

from __future__ import annotations

import pytest

from cohort.app.verify import is_valid, sign

SECRET = "It's a Secret to Everybody"
BODY = b"Hello, World!"
GOOD = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"


def test_githubs_test_vector() -> None:
    assert sign(SECRET, BODY) == GOOD
    assert is_valid(SECRET, BODY, GOOD)


def one_byte_off(sig: str) -> str:
    last = sig[-1]
    return sig[:-1] + ("0" if last != "0" else "1")


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "sha256=",
        "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59",
        GOOD[:-1],
        GOOD[:20],
        one_byte_off(GOOD),
        GOOD.replace("sha256=", "sha512="),
        GOOD + "00",
        "sha256=" + "z" * 64,
        "sha256=" + "é" * 64,
    ],
)
def test_bad_signatures_fail(header: str | None) -> None:
    assert not is_valid(SECRET, BODY, header)


def test_another_body_or_secret_fails() -> None:
    assert not is_valid(SECRET, BODY + b" ", GOOD)
    assert not is_valid("other", BODY, GOOD)
    assert not is_valid("", BODY, GOOD)
