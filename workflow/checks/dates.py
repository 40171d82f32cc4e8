"""Dates checks: months, years and days of the month in the Korean against the English.

Korean wire copy dates events ("지난 16일") where English copy names the weekday ("on Wednesday"),
so a day answered by a weekday is only information; a different month, year or day (12월27일 against
"Dec. 28") is an error. A date left over on each side is paired only where that is unambiguous (as
many on each side), so one slip is one finding and not a chain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from workflow.checks.context import CheckContext
from workflow.checks.korean_numbers import DAY, MONTH, YEAR, Quantity, korean_numbers
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.numbers import MONTHS, english_numbers
from workflow.checks.registry import Check, register
from workflow.i18n import _

_NAMES = [m.capitalize() for m in MONTHS]
_MONTH = re.compile(
    r"\b(?:(early|mid|late|end of|beginning of|the end of)[\s-]+)?"
    r"(" + "|".join(_NAMES) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
    r"(?=\W|$)", re.IGNORECASE)
# "May" is also a verb: count it as the month only where a date would stand.
_MAY_CONTEXT = re.compile(r"(?:in|of|since|until|by|from|through|early|mid|late|last|next|this)[\s-]+$",
                          re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_KOREAN_PART = re.compile(r"\s?(초순|초|중순|하순|말)")
_EARLY, _LATE = {"초", "초순"}, {"하순", "말"}
_PART_NAMES = {"초": "early", "초순": "early", "중순": "mid", "하순": "late", "말": "late"}


@dataclass(frozen=True)
class EnglishMonth:
    start: int
    end: int
    month: int  # 1-12
    part: str  # "early", "late", "mid" or ""


def english_months(text: str) -> list[EnglishMonth]:
    found = []
    for m in _MONTH.finditer(text):
        name = m.group(2)
        if name[0].islower():
            continue  # "march" the verb; months are capitalized
        if name == "May" and not (_MAY_CONTEXT.search(text[:m.start(2)]) or re.match(r"\s\d", text[m.end():])):
            continue
        month = next(i for i, full in enumerate(MONTHS, 1) if full.startswith(name.rstrip(".").lower()[:3]))
        part = (m.group(1) or "").lower()
        found.append(EnglishMonth(m.start(), m.end(), month,
                                  "late" if "end" in part else "early" if "beginning" in part else part))
    return found


def _korean(segment: SegmentText, role: str) -> list[Quantity]:
    return [q for q in korean_numbers(segment.source) if q.role == role]


def _english_years(text: str) -> list[Quantity]:
    return [q for q in english_numbers(text) if q.role == YEAR]


def _month_problems(segment: SegmentText):
    """(korean month, english month or None, is_error) for each Korean month not rendered as such."""
    english = english_months(segment.target)
    left = list(english)
    unmatched = []
    for month in _korean(segment, MONTH):
        number = int(month.value)
        part_match = _KOREAN_PART.match(segment.source, month.end)
        part = _PART_NAMES[part_match.group(1)] if part_match else ""
        same = next((e for e in left if e.month == number), None)
        if same is not None:
            left.remove(same)
            if part and same.part and part != "mid" and same.part != "mid" and part != same.part:
                assert part_match is not None  # part is "" without one
                yield month, same, f"{month.text} {part_match.group(1)} ({part} {MONTHS[number - 1].capitalize()})"
            continue
        unmatched.append(month)
    for month, other in _paired(unmatched, left, segment):
        number = int(month.value)
        yield month, other, f"{month.text} ({MONTHS[number - 1].capitalize()})" if 1 <= number <= 12 else month.text


def _paired(korean: list, english: list, segment: SegmentText) -> list[tuple]:
    """Leftover Korean dates with their English partners: in order where both sides have as many,
    with none where the English has none, the nearest where one Korean date is left (it is wrong
    whichever English date stands for it); otherwise the pairing is a guess and nothing is said."""
    if len({k.value for k in korean}) == len(english) < len(korean):
        korean = list({k.value: k for k in reversed(korean)}.values())[::-1]  # 2010년 ... 2010년 against one 2011
    if len(korean) == len(english):
        return list(zip(korean, english))
    if len(korean) == 1 and english:
        where = korean[0].start / max(len(segment.source), 1)
        return [(korean[0], min(english, key=lambda e: abs(e.start / max(len(segment.target), 1) - where)))]
    return [(k, None) for k in korean] if not english else []


def _year_problems(segment: SegmentText):
    english = _english_years(segment.target)
    unmatched = []
    for year in _korean(segment, YEAR):
        same = next((e for e in english if set(e.values) & set(year.values)), None)
        if same is not None:
            english.remove(same)
            continue
        unmatched.append(year)
    yield from _paired(unmatched, english, segment)


def _day_problems(segment: SegmentText):
    """(korean day, english day) for each day of the month the English gives as another day."""
    english = english_numbers(segment.target)
    left = [e for e in english if e.role == DAY]
    unmatched = []
    for day in _korean(segment, DAY):
        same = next((e for e in left if set(e.values) & set(day.values)), None) or \
            next((e for e in english if set(e.values) & set(day.values) and e.role not in (YEAR, DAY)), None)
        if same is not None:
            (left if same in left else english).remove(same)
            continue
        unmatched.append(day)
    return [(k, e) for k, e in _paired(unmatched, left, segment) if e is not None]


@register(
    "date.mismatch", "Date different", Severity.ERROR,
    "A month, year or day of the month in the Korean (3월 = March, 3월 하순 = late March, 2020년 and "
    "유로 2020 = 2020, 12월 27일 = Dec. 27) appears in the English as a different month, part of the month, "
    "year or day. Leftover dates are paired only where the pairing is unambiguous.",
)
def mismatch(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if not segment.target.strip():
        return
    for month, other, shown in _month_problems(segment):
        if other is not None:
            yield check.finding(segment.index, _("{korean} is “{english}” in the English").format(
                                    korean=shown, english=segment.target[other.start:other.end]),
                                source_span=(month.start, month.end), target_span=(other.start, other.end))
    for year, other in _year_problems(segment):
        if other is not None:
            yield check.finding(segment.index, _("{korean} is {english} in the English").format(
                                    korean=year.text, english=other.text),
                                source_span=(year.start, year.end), target_span=(other.start, other.end))
    for day, other in _day_problems(segment):
        yield check.finding(segment.index, _("{korean} is “{english}” in the English").format(
                                korean=day.text, english=_day_words(segment.target, other)),
                            source_span=(day.start, day.end), target_span=(other.start, other.end))


def _day_words(text: str, day: Quantity) -> str:
    # Dec. 28, 28 December: the day with its month, as the English reads
    before = re.search(r"(?:[A-Z][a-z]+\.?)\s$", text[:day.start])
    after = re.match(r"\s(?:[A-Z][a-z]+)", text[day.end:])
    if before and english_months(before.group(0)):
        return text[before.start():day.end]
    if after and english_months(after.group(0)):
        return text[day.start:day.end + after.end()]
    return day.text


@register(
    "date.missing", "Date possibly missing", Severity.WARNING,
    "A month or year in the Korean has no month or year at all in the English (it may have become "
    "\"this month\" or \"last year\").",
)
def missing(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    if not segment.target.strip():
        return
    for month, other, shown in _month_problems(segment):
        if other is None:
            yield check.finding(segment.index, _("{korean} has no month in the English").format(korean=shown),
                                source_span=(month.start, month.end))
    for year, other in _year_problems(segment):
        if other is None and "." not in year.text:  # 2005.10, a wire dateline, is not the story's
            yield check.finding(segment.index, _("{korean} has no year in the English").format(korean=year.text),
                                source_span=(year.start, year.end))


@register(
    "date.weekday", "Day of the month given as a weekday", Severity.INFO,
    "The Korean gives a day of the month (16일) where the English names the weekday (\"on Wednesday\"), "
    "as wire copy in each language does; worth a glance that the two agree.",
)
def weekday(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    days = _korean(segment, DAY)
    if not days or not segment.target.strip():
        return
    english = {v for q in english_numbers(segment.target) for v in q.values}
    named = _WEEKDAY.search(segment.target)
    for day in days:
        if named and not set(day.values) & english:
            yield check.finding(segment.index,
                                _("{korean} (the {day}th) is given as {weekday} in the English").format(
                                    korean=day.text, day=int(day.value), weekday=named.group(0)),
                                source_span=(day.start, day.end), target_span=named.span())
