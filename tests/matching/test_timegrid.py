"""Availability text in local time becomes half-hours of the UTC week."""

from __future__ import annotations

import datetime as dt

import pytest

from cohort.matching.timegrid import (
    bits,
    describe,
    parse_availability,
    parse_timezone,
    starts,
    windows,
)

MONDAY = dt.date(2027, 2, 1)


def test_berlin_evening_is_an_hour_earlier_in_utc_in_winter() -> None:
    free = parse_availability("Mon 18:00-20:00", parse_timezone("Europe/Berlin"), MONDAY)
    assert [describe(s, 2) for s in windows(free, 2)] == [
        "Mon 17:00-18:00 UTC",
        "Mon 17:30-18:30 UTC",
        "Mon 18:00-19:00 UTC",
    ]


def test_daylight_saving_follows_the_cohort_start() -> None:
    summer = parse_availability("Mon 18-19", parse_timezone("Europe/Berlin"), dt.date(2027, 7, 5))
    assert describe(windows(summer, 2)[0], 2) == "Mon 16:00-17:00 UTC"


def test_monday_morning_in_tokyo_wraps_to_sunday_in_utc() -> None:
    free = parse_availability("Mon 02:00-03:00", parse_timezone("Asia/Tokyo"), MONDAY)
    assert describe(bits(starts(free, 2))[0], 2) == "Sun 17:00-18:00 UTC"


def test_ranges_past_midnight_day_ranges_and_offsets() -> None:
    free = parse_availability("Sat-Sun 23:00-01:00", parse_timezone("UTC+05:30"), MONDAY)
    assert len(bits(free)) == 8
    assert windows(parse_availability("weekdays 9-10", dt.UTC, MONDAY), 2) == [
        18,
        66,
        114,
        162,
        210,
    ]


def test_a_zone_name_with_a_note_in_parentheses_is_read() -> None:
    assert str(parse_timezone("Asia/Kolkata (UTC+05:30)")) == "Asia/Kolkata"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Funday 10-12", "unknown day 'funday'"),
        ("Mon ten to noon", "cannot read 'mon ten to noon'"),
        ("Mon 25:00-26:00", "is not a time of day"),
        ("", "no free time given"),
    ],
)
def test_unreadable_availability_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_availability(text, dt.UTC, MONDAY)


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        parse_timezone("Mars/Olympus")
