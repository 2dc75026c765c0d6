"""Tests of the HTML page and of building the report."""

from pathlib import Path

from report.__main__ import build
from report.analysis import Summary
from report.page import render_page

DATA = Path(__file__).resolve().parent.parent / "data" / "measurements.csv"


def test_values_are_html_escaped():
    page = render_page("<b>Title</b>", "a & b", [Summary("<x>", 1, 1.0, 1.0, 1.0)])
    assert "<b>Title</b>" not in page
    assert "&lt;b&gt;Title&lt;/b&gt;" in page
    assert "a &amp; b" in page
    assert "&lt;x&gt;" in page


def test_the_report_builds_from_the_committed_data(tmp_path):
    page = build(DATA, tmp_path / "site").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<svg" in page
    assert "<td>centre</td>" in page
