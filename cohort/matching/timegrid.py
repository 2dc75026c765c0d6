"""Weekly availability as a bitmask of the 336 half-hours of a UTC week, from local text."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SLOTS = 336  # half-hours in a week; slot 0 is Monday 00:00-00:30 UTC
FULL = (1 << SLOTS) - 1
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$")
_RANGE = re.compile(
    r"^(?P<days>[a-z]+(?:\s*-\s*[a-z]+)?)\s+(?P<start>\d{1,2}(?::\d{2})?)\s*(?:-|–|to)\s*"
    r"(?P<end>\d{1,2}(?::\d{2})?)$"
)
_GROUPS = {"weekdays": (0, 1, 2, 3, 4), "weekends": (5, 6), "daily": tuple(range(7))}


def parse_timezone(text: str) -> dt.tzinfo:
    """An IANA name (Europe/Berlin), UTC, or a fixed offset such as UTC+05:30."""
    value = re.sub(r"\s*\(.*\)\s*$", "", text.strip())  # "Asia/Kolkata (UTC+05:30)"
    if value.upper() in ("UTC", "GMT", "Z"):
        return dt.UTC
    match = _OFFSET.match(value.lower())
    if match:
        sign = -1 if match.group(1) == "-" else 1
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes >= 60:
            raise ValueError(f"offset {value!r} is out of range")
        return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r}") from None


def _day(word: str) -> int:
    key = word.strip()[:3]
    if key not in DAYS:
        raise ValueError(f"unknown day {word.strip()!r} (use Mon, Tue, … Sun)")
    return DAYS.index(key)


def _days(text: str) -> tuple[int, ...]:
    if text in _GROUPS:
        return _GROUPS[text]
    if "-" in text:
        first, last = (_day(part) for part in text.split("-", 1))
        return tuple((first + i) % 7 for i in range((last - first) % 7 + 1))
    return (_day(text),)


def _minutes(text: str) -> int:
    hours, _, minutes = text.partition(":")
    value = int(hours) * 60 + int(minutes or 0)
    if value > 24 * 60 or int(minutes or 0) >= 60:
        raise ValueError(f"{text!r} is not a time of day")
    return value


def _utc_minute(day: int, minute: int, tz: dt.tzinfo, monday: dt.date) -> int:
    """Minutes from Monday 00:00 UTC to a wall-clock time in ``tz`` (may be negative)."""
    wall = dt.datetime.combine(monday, dt.time(), tzinfo=tz) + dt.timedelta(
        days=day, minutes=minute
    )
    utc = dt.datetime.combine(monday, dt.time(), tzinfo=dt.UTC)
    return int((wall - utc).total_seconds() // 60)


def parse_availability(text: str, tz: dt.tzinfo, monday: dt.date) -> int:
    """Free half-hours from ``Mon 18:00-21:00; Sat-Sun 10-12`` in zone ``tz``, week of ``monday``.

    A range that ends at or before it starts runs past midnight. Half-hours that are only
    partly free (zones with 45-minute offsets) are left out.
    """
    mask = 0
    for part in re.split(r"[,;\n]+", text.lower()):
        item = " ".join(part.replace("–", "-").split())
        if not item:
            continue
        match = _RANGE.match(item)
        if not match:
            raise ValueError(f"cannot read {item!r} (write e.g. 'Mon 18:00-20:00')")
        start, end = _minutes(match["start"]), _minutes(match["end"])
        length = (end - start) % (24 * 60) or 24 * 60
        for day in _days(match["days"]):
            mask |= _span(_utc_minute(day, start, tz, monday), length)
    if not mask:
        raise ValueError("no free time given")
    return mask


def _span(first_minute: int, length: int) -> int:
    first = -(-first_minute // 30)
    last = (first_minute + length) // 30
    mask = 0
    for slot in range(first, last):
        mask |= 1 << (slot % SLOTS)
    return mask


def window_ok(mask: int, start: int, length: int) -> bool:
    """Whether ``length`` half-hours from ``start`` (wrapping at week end) are all free."""
    doubled = mask | (mask << SLOTS)
    ones = (1 << length) - 1
    return (doubled >> start) & ones == ones


def windows(mask: int, length: int) -> list[int]:
    """Every start of ``length`` consecutive free half-hours, in week order."""
    return [start for start in range(SLOTS) if window_ok(mask, start, length)]


def hours(mask: int) -> float:
    """Free hours in a mask."""
    return bin(mask).count("1") / 2


def describe(start: int, length: int) -> str:
    """A meeting slot as text in UTC, e.g. ``Tue 17:00-18:00 UTC``."""
    begin, end = start * 30, (start + length) * 30
    day = DAYS[(begin // 1440) % 7].capitalize()
    end_day = DAYS[(end // 1440) % 7].capitalize()
    tail = f"{end_day} " if end_day != day and end % 1440 else ""
    return f"{day} {_clock(begin)}-{tail}{_clock(end, end=True)} UTC"


def _clock(minute: int, *, end: bool = False) -> str:
    minute %= 1440
    if end and not minute:
        return "24:00"
    return f"{minute // 60:02d}:{minute % 60:02d}"


def starts(mask: int, length: int) -> int:
    """Bitmask of the starts of ``length`` consecutive free half-hours (wrapping)."""
    out = FULL
    for shift in range(length):
        out &= ((mask >> shift) | (mask << (SLOTS - shift))) & FULL
    return out


def bits(mask: int) -> list[int]:
    """Indices of the set bits of a mask, in order."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def length_of(meeting_hours: float) -> int:
    """Half-hours in a meeting of ``meeting_hours`` (at least one)."""
    return max(1, round(meeting_hours * 2))
