"""Tests of reading and summarizing the data."""

from pathlib import Path

from report.analysis import Row, read_rows, summarize

DATA = Path(__file__).resolve().parent.parent / "data" / "measurements.csv"


def test_blank_values_are_skipped_when_reading():
    rows = read_rows(DATA)
    assert rows
    assert all(isinstance(row.value, float) for row in rows)


def test_summaries_are_per_category_and_sorted():
    rows = [Row("d1", "b", 2.0), Row("d1", "a", 1.0), Row("d2", "b", 4.0)]
    summaries = summarize(rows)
    assert [s.category for s in summaries] == ["a", "b"]
    b = summaries[1]
    assert (b.count, b.mean, b.minimum, b.maximum) == (2, 3.0, 2.0, 4.0)


def test_no_rows_give_no_summaries():
    assert summarize([]) == []
