"""Numbers checks: every number in the Korean should reappear, by value, in the English.

Numbers are matched as multisets of values across forms: 1억1천만 달러 = "$110 million",
3년 = "three years", 30% = "30 per cent". Months, years and days of the month are left to the dates
check (workflow/checks/dates.py) so that one slip is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from workflow.checks.context import CheckContext
from workflow.checks.korean_numbers import (DAY, FIRM, MONTH, SOFT, YEAR, Quantity, korean_numbers,
                                            parse_digits, _plain)
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.registry import Check, register
from workflow.i18n import _

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "bn": 10**9, "tn": 10**12}
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())}
_MULTIPLES: dict[str, int | Decimal] = {"twice": 2, "double": 2, "triple": 3, "once": 1, "dozen": 12, "half": Decimal("0.5"),
              "decade": 10, "century": 100, "pair": 2, "couple": 2}
MONTHS = ("january february march april may june july august september october november "
          "december").split()
_MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"sept": "september"}

_TOKEN = re.compile(r"[A-Za-z]+|\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th|s|bn|tn|mn|m)?|[$£€₩]")


ORDINAL = "ordinal"  # "third", "twice": may stand for a fraction or a ratio, never a sure mismatch
_TIME = re.compile(r"(?<![\d.,])(\d{1,2})(?::|\.(?=\d\d\s?[ap]\.?m\b))(\d\d)(?!\d)")
_ENTITY = re.compile(r"&#?\w+;")


def english_numbers(text: str) -> list[Quantity]:
    text = _ENTITY.sub(lambda m: " " * len(m.group(0)), text)  # &#8212; is a dash, not 8212
    found: list[Quantity] = []
    for m in _TIME.finditer(text):  # 7.55am, 19:30: an hour and minutes, not 7.55
        for g in (1, 2):
            found.append(Quantity(m.start(g), m.end(g), m.group(g), (Decimal(int(m.group(g))),), SOFT))
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        quantity, i_next = _read(text, tokens, i)
        if quantity is None:
            i += 1
        else:
            found.append(quantity)
            i = i_next
    return sorted(found, key=lambda q: q.start)


def _read(text: str, tokens: list[tuple[str, int, int]], i: int) -> tuple[Quantity | None, int]:
    start = tokens[i][1]
    money = tokens[i][0] in "$£€₩"
    j = i + 1 if money else i
    if j >= len(tokens):
        return None, i
    word, _, end = tokens[j]
    lower = word.lower()
    role, total = FIRM, Decimal(0)
    current: Decimal | int | None = None  # an int once "hundred" etc. scale a zero (current or 1)
    if word[0].isdigit():
        found = re.match(r"[\d,]*\d(?:\.\d+)?", word)
        assert found is not None  # word is a _TOKEN starting with \d, so at least that digit matches
        digits = found.group(0)
        suffix = word[len(digits):]
        value = parse_digits(digits)
        if value is None:  # "2,3": not one number; read the first part only
            value = Decimal(digits.split(",")[0])
        current, j = value, j + 1
        if suffix in ("st", "nd", "rd", "th"):
            return Quantity(start, end, text[start:end], (value,), DAY), j
        if suffix in ("bn", "tn") or (money and suffix in ("m", "mn")):
            current *= _SCALES.get(suffix, 10**6)  # $5m, $2bn
        if suffix == "s" or (not money and not suffix and "," not in digits and "." not in digits
                             and 1000 <= value <= 2100 and _next(tokens, j) not in _SCALES):
            role = YEAR  # 2020, the 1990s
        if not money and value <= 31 and _month(_previous(tokens, i)):
            role = DAY  # March 16
    elif lower in ("a", "an") and _next(tokens, j + 1) in ("dozen", "hundred", "thousand", "million",
                                                           "billion", "trillion", "decade", "century"):
        current, j, role = Decimal(1), j + 1, SOFT
    elif lower in _UNITS or lower in _TENS:
        current, role = Decimal(0), SOFT
    elif lower in _ORDINALS or lower in _MULTIPLES:
        value = Decimal(_ORDINALS.get(lower) or _MULTIPLES[lower])
        return Quantity(start, end, text[start:end], (value,), ORDINAL), j + 1
    else:
        return None, i
    # Combine "110 million", "twenty five", "three hundred thousand", "two dozen".
    while j < len(tokens):
        nxt = tokens[j][0].lower()
        if nxt in _UNITS and current is not None and role == SOFT and current % 10 == 0 and current % 100 != 10:
            current += _UNITS[nxt]
        elif nxt in _TENS and role == SOFT and current % 100 == 0:
            current += _TENS[nxt]
        elif nxt == "hundred":
            current = (current or 1) * 100
        elif nxt in ("thousand", "million", "billion", "trillion"):
            total, current = total + (current or 1) * _SCALES[nxt], Decimal(0)
        elif nxt.rstrip("s") in ("dozen", "decade") and current:
            current *= _MULTIPLES[nxt.rstrip("s")]  # five decades = 50 (years)
        elif nxt == "and" and _next(tokens, j + 1) in _UNITS | _TENS and total + current >= 100:
            pass
        else:
            break
        end = tokens[j][2]
        j += 1
    value = total + current
    return Quantity(start, end, text[start:end], (_plain(value),),
                    role, "$" if money else ""), j


def _next(tokens, j: int) -> str:
    return tokens[j][0].lower() if j < len(tokens) else ""


def _previous(tokens, i: int) -> str:
    return tokens[i - 1][0].lower() if i > 0 else ""


def _month(word: str) -> str | None:
    return word if word in MONTHS else _MONTH_ABBREVIATIONS.get(word)


def match(source: list[Quantity], target: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The quantities left unmatched on each side, pairing equal values (a multiset difference).

    Single-valued numbers are paired first so that an ambiguous one (15시: 15 or 3) does not take a
    value another number needs."""
    left_target = list(target)
    left_source: list[Quantity] = []
    for quantity in sorted(source, key=lambda q: len(q.values)):
        partner = next((t for t in left_target if set(t.values) & set(quantity.values)), None)
        if partner is None:
            left_source.append(quantity)
        else:
            left_target.remove(partner)
    return sorted(left_source, key=lambda q: q.start), left_target


def _nearest(quantity: Quantity, source: str, candidates: list[Quantity], target: str) -> Quantity | None:
    # The English number at about the same place in the sentence is the likeliest rendering.
    if not candidates:
        return None
    where = quantity.start / max(len(source), 1)
    return min(candidates, key=lambda t: abs(t.start / max(len(target), 1) - where))


def _unmatched(segment: SegmentText) -> tuple[list[Quantity], list[Quantity]]:
    source = korean_numbers(segment.source)
    target = english_numbers(segment.target)
    return match(source, target)


def _classified(segment: SegmentText):
    """Each unmatched Korean number with the English number nearest it and whether it is an error.

    Only a number answered by a different number is an error: a number left out may be an
    editor's cut, a currency converted to dollars or a unit to miles, so those are warnings."""
    source, target = _unmatched(segment)
    candidates = [t for t in target if t.role not in (YEAR, DAY)]
    korean = korean_numbers(segment.source)
    english = english_numbers(segment.target)
    dollars = any(t.unit == "$" for t in english) or any(q.unit == "달러" for q in korean)
    for quantity in source:
        if quantity.role not in (FIRM, SOFT):
            continue  # months, years and days: the dates check
        other = (_nearest(quantity, segment.source, [t for t in candidates if t.role != ORDINAL], segment.target)
                 or _nearest(quantity, segment.source, candidates, segment.target))
        converted = quantity.unit not in ("", "달러") and dollars
        error = (quantity.role == FIRM and other is not None and other.role != ORDINAL
                 and not converted)
        if quantity.role == SOFT and other is None:
            continue  # a word we may not read (세 명 = "trio"): too unsure to mention
        yield quantity, other, error
    if not any(q.role == FIRM for q in source):
        for extra in candidates:
            if extra.role == FIRM:
                yield None, extra, False


def _findings(check: Check, segment: SegmentText, errors: bool) -> Iterable[Finding]:
    if not segment.target.strip():
        return  # untranslated: the empty-target check speaks for it
    for quantity, other, error in _classified(segment):
        if error != errors:
            continue
        if quantity is None:
            yield check.finding(segment.index, _("“{english}” in the English has no match in the Korean").format(
                                    english=other.shown()),
                                target_span=(other.start, other.end))
        else:
            yield check.finding(segment.index, _message(quantity, other),
                                source_span=(quantity.start, quantity.end),
                                target_span=(other.start, other.end) if other else None)


@register(
    "number.mismatch", "Number different", Severity.ERROR,
    "A number in the Korean (digits, with units such as 만, 억, 조 and counters such as 일, 년, 명) "
    "has no number of the same value in the English, which has a different number instead.",
)
def mismatch(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    return _findings(check, segment, errors=True)


@register(
    "number.unsure", "Number possibly missing", Severity.WARNING,
    "A number in the Korean has no match in the English, where it may have been left out, converted "
    "(won to dollars, km to miles) or written in words we cannot read; or the English has a number "
    "the Korean lacks.",
)
def unsure(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    return _findings(check, segment, errors=False)


def _message(quantity: Quantity, other: Quantity | None) -> str:
    if other is None:
        return _("{korean} has no match in the English").format(korean=quantity.shown())
    return _("{korean} has no match in the English; it has {english}").format(korean=quantity.shown(),
                                                                             english=other.shown())


__all__ = ["DAY", "MONTH", "MONTHS", "YEAR", "english_numbers", "korean_numbers", "match"]
