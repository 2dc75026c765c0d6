"""`cohort serve` takes the App's key from a file or from COHORT_APP_PRIVATE_KEY."""

from __future__ import annotations

from pathlib import Path

import pytest

from cohort.cli.main import run
from cohort.cli.serve import app_private_key
from cohort.errors import UsageError

PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"


def test_the_file_wins_over_the_environment(tmp_path: Path) -> None:
    key = tmp_path / "app.pem"
    key.write_text("from the file\n", encoding="utf-8")
    assert app_private_key(key, {"COHORT_APP_PRIVATE_KEY": PEM}) == "from the file\n"


def test_the_environment_holds_the_pem_itself() -> None:
    assert app_private_key(None, {"COHORT_APP_PRIVATE_KEY": f"  {PEM}\n\n"}) == PEM + "\n"


@pytest.mark.parametrize("value", ["", "   ", "/run/secrets/app.pem"])
def test_no_key_or_not_a_pem_is_a_clear_error(value: str) -> None:
    with pytest.raises(UsageError, match="COHORT_APP_PRIVATE_KEY"):
        app_private_key(None, {"COHORT_APP_PRIVATE_KEY": value})


def test_serve_without_any_key_exits_3_before_listening(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COHORT_APP_PRIVATE_KEY", raising=False)
    monkeypatch.delenv("COHORT_APP_KEY_FILE", raising=False)
    code = run(["serve", "--webhook-secret", "s", "--app-id", "1", "--port", "0"])
    assert code == 3
    assert "COHORT_APP_PRIVATE_KEY" in capsys.readouterr().err
