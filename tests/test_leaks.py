"""R16: the suite-wide output check recognises tokens, private keys and e-mail addresses."""

from __future__ import annotations

from tests.conftest import ALLOWED, LEAK


def test_leak_pattern_catches_tokens_keys_and_emails() -> None:
    for leak in (
        "ghp_" + "a" * 36,
        "ghs_" + "B1" * 18,
        "-----BEGIN RSA PRIVATE KEY-----",
        "carla.mentee@university.edu",
    ):
        assert LEAK.search(f"log line {leak} end"), leak


def test_leak_pattern_leaves_ordinary_output_alone() -> None:
    assert LEAK.search("Applied 144 changes with 44 write requests") is None
    assert LEAK.search("team-member 2027-spring-aurora/fatima-z") is None
    assert any(a in "41898282+github-actions[bot]@users.noreply.github.com" for a in ALLOWED)
