"""JSON log lines name the delivery they are about."""

from __future__ import annotations

import json
import logging

from cohort.app.logs import JsonFormatter, configure, delivery_context


def _line(message: str) -> dict[str, object]:
    record = logging.LogRecord("cohort.app", logging.WARNING, __file__, 1, message, (), None)
    return dict(json.loads(JsonFormatter().format(record)))


def test_every_line_inside_a_delivery_names_it() -> None:
    with delivery_context("72d3162e-cc78-11e3-81ab-4c9367dc0958"):
        inside = _line("retry in 4 s")
    outside = _line("listening")
    assert inside["delivery"] == "72d3162e-cc78-11e3-81ab-4c9367dc0958"
    assert (inside["level"], inside["logger"], inside["message"]) == (
        "warning",
        "cohort.app",
        "retry in 4 s",
    )
    assert outside["delivery"] == ""
    assert str(inside["ts"]).endswith("Z")


def test_an_unexpected_error_stays_on_one_line() -> None:
    try:
        raise RuntimeError("boom\nsecond line")
    except RuntimeError as exc:
        line = JsonFormatter().format(
            logging.LogRecord("x", logging.ERROR, __file__, 1, "bug", (), (RuntimeError, exc, None))
        )
    assert "\n" not in line
    assert "RuntimeError: boom" in json.loads(line)["error"]


def test_configure_replaces_only_its_own_handler() -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    try:
        configure("json")
        configure("text")
        ours = [h for h in root.handlers if h.get_name() == "cohort-serve"]
        assert len(ours) == 1
        assert [h for h in root.handlers if h not in ours] == before
    finally:
        root.handlers[:] = before
        root.setLevel(level)
