"""A due time as people type it, read in their locale and time zone, stored as UTC ISO 8601.

Accepted: a clock time alone ("18:00", "6 PM", "6:30 pm", "오후 6:00", "오후 6시", "18시 30분"),
meaning the next time the clock shows it where the reader is: today, or tomorrow when today's has
passed (a desk setting a deadline means one still ahead; a moment already gone would make the
document late on arrival);
an ISO date and time (2026-12-07T09:00, 2026-12-07 09:00, with or without an offset; without one,
the reader's zone); the locale's short date and time as the app shows it (12/7/26, 6:00 PM;
26. 12. 7. 오후 6:00); a date alone (ISO or the locale's short date) means the end of that day.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from workflow.clock import now
from workflow.errors import InputError
from workflow.i18n import _, format_datetime, format_locale

_AM, _PM = ("am", "a.m.", "오전"), ("pm", "p.m.", "오후")
_MARK = r"(am|pm|a\.m\.|p\.m\.|오전|오후)"
# A clock time at the end of the text, with an AM/PM mark before it (Korean) or after it (English).
_CLOCK = re.compile(rf"(?:{_MARK}\s*)?(\d{{1,2}})(?::(\d{{2}}))?\s*{_MARK}?$", re.IGNORECASE)
END_OF_DAY = time(23, 59)
_KOREAN_CLOCK = re.compile(r"(\d{1,2})\s*시(?:\s*(\d{1,2})\s*분)?(?:에)?$")


def parse_due(text: str, *, option: str = "--due") -> str:
    """The UTC ISO 8601 moment `text` names; an InputError that shows how to write it otherwise."""
    cleaned = " ".join(text.replace("\u202f", " ").split())
    # Korean hours and minutes as people write them: 오후 6시, 18시 30분.
    cleaned = _KOREAN_CLOCK.sub(lambda m: f"{m[1]}:{m[2] or '00'}", cleaned)
    if not cleaned:
        raise _wrong(text, option)
    moment = _iso(cleaned)
    if moment is None:
        moment = _local(cleaned)
    if moment is None:
        raise _wrong(text, option)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _iso(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:  # a date alone
        moment = datetime.combine(moment.date(), END_OF_DAY)
    return moment if moment.tzinfo else moment.astimezone()  # naive: where the reader is


def _local(text: str) -> datetime | None:
    found = _CLOCK.search(text)
    clock = _clock(found) if found else None
    head = text[:found.start()].strip(" ,") if found and clock else text
    if clock is not None and not head:
        return _next(clock)
    day = read_day(head)
    if day is None:
        return None
    return datetime.combine(day, clock or END_OF_DAY).astimezone()


def _clock(found: re.Match) -> time | None:
    before, hours, minutes, after = found.groups()
    if minutes is None and not (before or after):
        return None  # a bare number is no time ("7" is more likely the end of a date)
    hour, minute = int(hours), int(minutes or 0)
    mark = (before or after or "").lower()
    if mark:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if mark in _PM else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def read_day(text: str) -> date | None:
    """A day as typed: ISO (2026-03-07) or the reader's locale's short date (3/7/26, 26. 3. 7.)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    from babel.dates import parse_date

    try:
        return parse_date(text, locale=format_locale())
    except (ValueError, IndexError):
        return None


def _next(clock: time) -> datetime:
    """The next moment the reader's clock shows `clock`: today's, or tomorrow's once today's passed."""
    current = datetime.fromisoformat(now()).astimezone()
    today = datetime.combine(current.date(), clock).astimezone()
    return today if today > current else datetime.combine(current.date() + timedelta(days=1), clock).astimezone()


def _wrong(text: str, option: str) -> InputError:
    example = datetime.fromisoformat(now()).astimezone().replace(hour=18, minute=0, second=0, microsecond=0)
    return InputError(option, _("{text!r} is not a due time: write a time ({time}), a date and time as "
                                "{shown}, or {iso}").format(
        text=text, time="18:00", shown=format_datetime(example), iso="2026-12-07T18:00"))
