"""Numbers checks: every number in the Korean should reappear, by value, in the English.

Numbers are matched as multisets of values across forms: 1억1천만 달러 = "$110 million",
3년 = "three years", 30% = "30 per cent", 38위 = "38th", 60대 = "60s", 베네딕토 16세 = "Benedict XVI",
13초04 = "13.04 seconds", 3시 33분 = "0333 GMT" (by the minutes: the hour may be another zone's),
22~25도 = "72 to 78 degrees" and 64km = "40 miles" where the English names the unit. Score runs
(3-2(6-46-4)) are compared by their digits. Months, years and days of the month are left to the dates
check (workflow/checks/dates.py) so that one slip is reported once.

What is left over on each side is paired only where the pairing is unambiguous: as many numbers on
each side in the same order and of compatible kinds, or the only number of its kind on each side.
A leftover number is otherwise left unpaired (a warning), so one number the English leaves out does
not set off a chain of mismatches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from workflow.checks.context import CheckContext
from workflow.checks.conversions import measure_pairs
from workflow.checks.korean_numbers import (DAY, FIRM, MONTH, SCORE, SOFT, TIME, YEAR, Quantity,
                                            clock_values, korean_numbers, parse_digits, _plain)
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

_TOKEN = re.compile(r"[A-Za-z]+|(?:\d(?:,?\d)*(?:\.\d+)?|(?<![\w.])\.\d+)(?:st|nd|rd|th|s|bn|tn|mn|m)?|[$£€₩¥]")


ORDINAL = "ordinal"  # "third", "twice": may stand for a fraction or a ratio, never a sure mismatch
_TIME = re.compile(r"(?<![\d.,])(\d{1,2})(?::|\.(?=\d\d\s?[ap]\.?m\b))(\d\d)(?!\d)")
_ENTITY = re.compile(r"&#?\w+;")
# 3 p.m., 10 o'clock: an hour without minutes
_HOUR = re.compile(r"(?<![\d.,:])(1[0-2]|0?[1-9])\s?(?:[ap]\.?m\b\.?|o'clock\b)", re.IGNORECASE)
# 0333 GMT: a 24-hour time, hour and minutes run together
_CLOCK = re.compile(r"(?<![\d.,])([01]\d|2[0-3])([0-5]\d)(?=\s?(?:GMT|UTC|KST|EST|EDT|ET|BST|hrs|hours|local time)\b)")
# A time followed by a zone may be another zone's than the Korean's: only its minutes are sure.
_ZONE = re.compile(r"\s?(?:[ap]\.?m\.?\s?)?\(?(?:GMT|UTC|KST|EST|EDT|ET|BST|CET|PT|PST|PDT|JST)\b")
# The Korean naming the English's zone makes the hour sure too: 영국 서머타임 기준 09시 30분 = "09:30 BST".
_KOREAN_ZONES = {"BST": ("서머타임", "서머 타임", "BST"), "GMT": ("그리니치", "GMT"),
                 "UTC": ("협정세계시", "협정 세계시", "UTC"), "KST": ("한국 시간", "한국시간", "KST"),
                 "EST": ("동부 표준시", "EST"), "EDT": ("동부 서머타임", "EDT"), "JST": ("일본 시간", "JST")}
# The currency a Korean sum is in, and the English word or sign for each
_CURRENCIES = {"달러": "$", "파운드": "£", "유로": "€", "원": "₩", "엔": "¥", "위안": "¥"}
_CURRENCY_WORDS = {"dollars": "$", "dollar": "$", "pounds": "£", "euros": "€", "euro": "€", "won": "₩",
                   "yen": "¥", "yuan": "¥"}
_ROMAN = re.compile(r"\b[A-Z][a-z]+\s((?:X{0,3})(?:IX|IV|V?I{0,3}))\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# The word after a number says what it counts; a pair of different kinds is no pair.
_KIND_WORDS = {"percent": "percent", "per": "percent", "percentage": "percent", "%": "percent",
               "dollars": "money", "dollar": "money", "won": "money", "euros": "money", "yen": "money",
               "yuan": "money", "cents": "money", "miles": "length", "mile": "length", "mph": "length", "km": "length",
               "kilometers": "length", "kilometres": "length", "meters": "length", "metres": "length",
               "feet": "length", "kilograms": "weight", "kg": "weight", "tons": "weight", "tonnes": "weight",
               "degrees": "temperature", "fahrenheit": "temperature", "celsius": "temperature",
               "f": "temperature", "c": "temperature", "years": "time", "months": "time", "weeks": "time",
               "days": "time", "hours": "time", "minutes": "time", "seconds": "time", "year": "time",
               "month": "time", "week": "time", "day": "time", "hour": "time", "minute": "time"}


def english_numbers(text: str) -> list[Quantity]:
    text = _ENTITY.sub(lambda m: " " * len(m.group(0)), text)  # &#8212; is a dash, not 8212
    found: list[Quantity] = []
    for pattern in (_TIME, _CLOCK, _HOUR):  # 7.55am, 19:30, 0333 GMT, 3 p.m.: times, not 7.55 or 3
        for m in pattern.finditer(text):
            hour, minute = int(m.group(1)), int(m.group(2)) if pattern is not _HOUR else 0
            values = clock_values(hour, minute) + ((Decimal(hour), Decimal(hour % 12 + 12)) if minute == 0 else ())
            zone = "zone" if pattern is _CLOCK or _ZONE.match(text, m.end()) else "time"
            found.append(Quantity(m.start(), m.end(), m.group(0), values, TIME, kind=zone))
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    for m in _ROMAN.finditer(text):  # Benedict XVI, World War II
        if len(m.group(1)) >= 2:
            found.append(Quantity(m.start(1), m.end(1), m.group(1), (Decimal(_roman(m.group(1))),), ORDINAL))
            text = text[:m.start(1)] + " " * (m.end(1) - m.start(1)) + text[m.end(1):]
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        quantity, i_next = _read(text, tokens, i)
        if quantity is None:
            i += 1
        else:
            found.append(_with_kind(quantity, text, tokens, i_next))
            i = i_next
    found.sort(key=lambda q: q.start)
    for n in range(len(found) - 1):  # 72 to 78 degrees: the first takes the second's unit
        first, second = found[n], found[n + 1]
        if not first.kind and second.kind and re.fullmatch(r"\s?(?:to|-|–|and|or)\s?", text[first.end:second.start]):
            found[n] = Quantity(first.start, first.end, first.text, first.values, first.role, first.unit, second.kind)
    return found


def _roman(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _with_kind(quantity: Quantity, text: str, tokens: list[tuple[str, int, int]], j: int) -> Quantity:
    if quantity.kind or quantity.role == ORDINAL:
        return quantity
    after = text[quantity.end:quantity.end + 12]
    word = _next(tokens, j)
    if quantity.unit or after.startswith("%"):
        kind = "money" if quantity.unit else "percent"
    elif re.match(r"[\s-]*years?[\s-]old", after) or re.match(r"\s?°", after):
        kind = "age" if "old" in after else "temperature"
    elif re.match(r"[\s-]", after[:1]) or not after:
        kind = _KIND_WORDS.get(word, "")
    else:
        kind = ""
    unit = _CURRENCY_WORDS.get(word, "") if kind == "money" and not quantity.unit else quantity.unit
    return Quantity(quantity.start, quantity.end, quantity.text, quantity.values, quantity.role, unit, kind)


def _read(text: str, tokens: list[tuple[str, int, int]], i: int) -> tuple[Quantity | None, int]:
    start = tokens[i][1]
    money = tokens[i][0] in "$£€₩¥"
    j = i + 1 if money else i
    if j >= len(tokens):
        return None, i
    word, _, end = tokens[j]
    lower = word.lower()
    role, total = FIRM, Decimal(0)
    current: Decimal | int | None = None  # an int once "hundred" etc. scale a zero (current or 1)
    if word[0].isdigit() or word[0] == ".":
        found = re.match(r"(?:[\d,]*\d)?(?:\.\d+)?", word)
        assert found is not None  # word is a _TOKEN starting with \d, so at least that digit matches
        digits = found.group(0)
        suffix = word[len(digits):]
        value = parse_digits(digits)
        if value is None:  # "2,3": not one number; read the first part only
            value = Decimal(digits.split(",")[0])
        current, j = value, j + 1
        if suffix in ("st", "nd", "rd", "th"):
            near_month = _month(_previous(tokens, i)) or _month(_next(tokens, j)) or (
                _next(tokens, j) == "of" and _month(_next(tokens, j + 1)))
            if near_month:
                return Quantity(start, end, text[start:end], (value,), DAY, kind="day"), j
            kind = "time" if _next(tokens, j) in ("minute", "second", "day", "week", "month", "hour") else "rank"
            return Quantity(start, end, text[start:end], (value,), FIRM, kind=kind), j  # 18th place
        if suffix in ("bn", "tn") or (money and suffix in ("m", "mn")):
            current *= _SCALES.get(suffix, 10**6)  # $5m, $2bn
        if suffix == "s" and value < 100:
            return Quantity(start, end, text[start:end], (value,), FIRM, kind="decade"), j  # in his 60s
        if suffix == "s" or (not money and not suffix and "," not in digits and "." not in digits
                             and 1000 <= value <= 2100 and _next(tokens, j) not in _SCALES):
            role = YEAR  # 2020, the 1990s
        if not money and value <= 31 and "." not in digits and (
                _month(_previous(tokens, i)) or (_month(_next(tokens, j)) and _next(tokens, j) != "may")):
            role = DAY  # March 16, 16 March
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
    if money and 0 < value < 1:
        return Quantity(start, end, text[start:end], (_plain(value), _plain(value * 100)), role,
                        tokens[i][0]), j  # $.79
    return Quantity(start, end, text[start:end], (_plain(value),),
                    role, tokens[i][0] if money else ""), j


def _next(tokens, j: int) -> str:
    return tokens[j][0].lower() if j < len(tokens) else ""


def _previous(tokens, i: int) -> str:
    return tokens[i - 1][0].lower() if i > 0 else ""


def _month(word: str) -> str | None:
    return word if word in MONTHS else _MONTH_ABBREVIATIONS.get(word)


def match(source: list[Quantity], target: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The quantities left unmatched on each side, pairing equal values (a multiset difference).

    Single-valued numbers are paired first so that an ambiguous one (15시: 15 or 3) does not take a
    value another number needs; an English number of the same kind (8% and "8 percent") is preferred
    to one of another (8월 never takes the 8 of "8 percent": months are the dates check's); times
    pair only with times."""
    left_target = list(target)
    left_source: list[Quantity] = []
    for quantity in sorted(source, key=lambda q: len(q.values)):
        if quantity.role == MONTH:
            continue
        same = [t for t in left_target if _same(quantity, t)]
        partner = next((t for t in same if _compatible(quantity, t, strict=True)), None) or \
            next((t for t in same if _compatible(quantity, t)), None)
        if partner is None:
            left_source.append(quantity)
        else:
            left_target.remove(partner)
    return sorted(left_source, key=lambda q: q.start), left_target


def _same(korean: Quantity, english: Quantity) -> bool:
    if english.role == TIME and english.kind == "zone" and korean.role == TIME:
        return {v % 60 for v in korean.values} == {english.values[0] % 60}  # 0333 GMT for 12시 33분 KST
    if (english.role == TIME) != (korean.role == TIME) and korean.kind != "hour":
        return False
    return bool(set(english.values) & set(korean.values))


def _glossed(quantity: Quantity) -> Quantity:
    return Quantity(quantity.start, quantity.end, quantity.text, quantity.values, quantity.role, quantity.unit,
                    "gloss:" + quantity.kind)


def _compatible(korean: Quantity, english: Quantity, strict: bool = False) -> bool:
    if korean.kind.startswith("gloss:") or english.kind.startswith("gloss:"):
        # A conversion in brackets for Korean readers (0.5 달러(약 500원)) answers only another; one for
        # English readers ("29,000 feet (8,840 meters)") may answer the Korean's number in its own kind.
        if korean.kind.startswith("gloss:"):
            return korean.kind == english.kind
        return korean.kind == english.kind.removeprefix("gloss:")
    if korean.kind == "hour" and english.role == TIME:
        return True  # 7시 against 7:00
    if strict:
        return korean.kind == english.kind or (korean.role == DAY and english.role == DAY)
    if korean.kind == "count":
        return not english.kind  # 2명 against "two" or "2 lifeguards", never "18 minutes"
    return not korean.kind or not english.kind or korean.kind == english.kind or {
        korean.kind, english.kind} <= {"time", "zone", "age", "day"}


def _strict(korean: Quantity) -> bool:
    # A measure (a length, a sum, a span of time) pairs only with the same measure; a count of people
    # or things with any bare number, the English rarely saying what it counts in a word we know.
    return bool(korean.kind) and korean.kind != "count"


def _converted(korean: Quantity, english: Quantity, target: str) -> bool:
    """Whether the English gives the Korean's measure in the unit it names: °F, miles, km."""
    if korean.kind != english.kind or korean.kind not in ("temperature", "length"):
        return False  # the English must say the unit: "degrees", "°F", "miles"
    after = target[english.end:english.end + 30].lower()
    e = english.value
    for k in korean.values:
        if korean.kind == "temperature" and "celsius" not in after and abs(k * Decimal("1.8") + 32 - e) <= 1:
            return True
        if re.match(r"\s?(?:miles?\b|mph\b|-mile)", after) and _rounded(k * Decimal("0.621371"), e):
            return True
        if re.search(r"\bkm|kilomet", after) and _rounded(k * Decimal("1.609344"), e):
            return True
    return False


_METRIC = {"km": r"km\b|kilomet", "킬로미터": r"km\b|kilomet", "m": r"m\b|met(?:er|re)", "미터": r"m\b|met(?:er|re)",
           "cm": r"cm\b|centimet", "mm": r"mm\b|millimet", "피트": r"feet\b|foot\b|ft\b",
           "인치": r"inch|in\b", "야드": r"yards?\b", "마일": r"miles?\b", "kg": r"kg\b|kilogram", "킬로그램": r"kg\b|kilogram",
           "톤": r"t\b|tons?\b|tonnes?\b", "t": r"t\b|tons?\b|tonnes?\b",
           "도": r"°\s?C\b|degrees? (?:Celsius|centigrade|C\b)"}


def _same_unit(korean: Quantity, english: Quantity, target: str) -> bool:
    """200m against "201 metres", 25도 against "27 degrees Celsius": the English keeps the Korean's
    unit, so the number is sure."""
    unit = re.sub(r"^[\d.,\s천백만억조여]+", "", korean.text)
    unit = {"㎞": "km", "㎏": "kg", "㎝": "cm", "㎜": "mm"}.get(unit, unit)
    return unit in _METRIC and re.match(rf"\s?-?(?:{_METRIC[unit]})", target[english.end:], re.IGNORECASE) is not None


def _rounded(exact: Decimal, given: Decimal) -> bool:
    # 64km = 40 miles, 240km = "about 150 miles": rounded to the unit, or to 5 or 10 where it ends so
    off = abs(exact - given)
    return off < 1 or (given % 5 == 0 and off < 3) or (given % 10 == 0 and off < 6)


_KOREAN_SCORE = re.compile(r"(?<![\d.-])\d{1,2}(?:-\d{1,3})+(?![\d-])"
                           # 2대0으로 이겼다: a score with 대, where a result follows
                           r"|(?<![\d.,])\d{1,3} ?대 ?\d{1,3}(?![\d.,])(?=으로|로|의| ?(?:승|패|무|완승|완패|대승|역전)|[,)]|$)")
_ENGLISH_SCORE = re.compile(r"(?<![\d.-])\d{1,2}(?:-\d{1,2})+(?![\d-])")


def _scores(segment: SegmentText) -> tuple[list[Quantity], list[Quantity], list[tuple[int, int]], list[tuple[int, int]]]:
    """Score runs on each side (3-2(6-46-4), "6-4, 6-4"), as one quantity each: read as numbers they
    run together in the Korean, so their digits are compared instead."""
    source = [Quantity(m.start(), m.end(), m.group(0), (Decimal(0),), SCORE)
              for m in _KOREAN_SCORE.finditer(segment.source)]
    target = [Quantity(m.start(), m.end(), m.group(0), (Decimal(0),), SCORE)
              for m in _ENGLISH_SCORE.finditer(segment.target)]
    return source, target, [(q.start, q.end) for q in source], [(q.start, q.end) for q in target]


_GLOSS = re.compile(r"\d[^\d()]{0,12}\(\s*(?:약|about|some|approx\.|around)?\s*[$€£₩]?$")


def _gloss(text: str, quantity: Quantity) -> bool:
    return bool(_GLOSS.search(text[max(0, quantity.start - 30):quantity.start]))


def _elided(korean: Quantity, english: Quantity) -> bool:
    """2억 유로 against "200" where the English left "million" to be understood: not a sure slip."""
    bare = re.fullmatch(r"\d+(?:\.\d+)?", english.text) is not None
    return bare and english.value != 0 and any(k == english.value * 10**n for k in korean.values for n in (3, 6, 9))


def _inside(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(start <= quantity.start and quantity.end <= end + 1 for start, end in spans)


def _digits(quantities: list[Quantity]) -> str:
    return "".join(re.sub(r"\D", "", q.text) for q in quantities)


def _unmatched(segment: SegmentText) -> tuple[list[Quantity], list[Quantity]]:
    source = korean_numbers(segment.source)
    target = english_numbers(segment.target)
    return match(source, target)


def _pairs(source: list[Quantity], target: list[Quantity], text: str) -> dict[int, Quantity]:
    """Which unmatched English number answers each unmatched Korean one (by index), where that is
    unambiguous: as many on each side, in the same order and of compatible kinds; or the only
    number of its kind on each side. Otherwise a leftover number stays unpaired: no chain.
    Numbers read for sure are paired first; words such as "second" and "twice" are tried only for
    what digits leave unpaired."""
    pairs: dict[int, Quantity] = {}
    for words, firm_only in ((False, True), (False, False), (True, True)):
        rest = [i for i, q in enumerate(source) if i not in pairs and (q.role == FIRM or not firm_only)]
        free = [t for t in target if (t.role == ORDINAL) == words and all(t is not p for p in pairs.values())]
        found = _unambiguous([source[i] for i in rest], free, text)
        pairs |= {rest[i]: t for i, t in found.items()}
    return pairs


def _unambiguous(source: list[Quantity], target: list[Quantity], text: str) -> dict[int, Quantity]:
    if source and len(source) == len(target) and all(_pairable(k, e) for k, e in zip(source, target)):
        return dict(enumerate(target))
    fits = [_fits(korean, target, text) for korean in source]
    return {i: found[0] for i, found in enumerate(fits)
            if len(found) == 1 and sum(found[0] in other for other in fits) == 1}


def _fits(korean: Quantity, target: list[Quantity], text: str) -> list[Quantity]:
    """The English numbers that could answer a Korean one; of several, the one in the Korean's own
    unit (8840m against "29,000 feet (8,841 meters)") where there is just one."""
    fits = [e for e in target if _pairable(korean, e, strict=_strict(korean))]
    same = [e for e in fits if _same_unit(korean, e, text)]
    return same if len(fits) > 1 and len(same) == 1 else fits


def _pairable(korean: Quantity, english: Quantity, strict: bool = False) -> bool:
    # A rank or an age group answers only a rank or an age group: 38위 is not "38 people".
    if korean.kind in ("rank", "decade"):
        return english.kind == korean.kind or (korean.kind == "rank" and english.role == ORDINAL)
    return _compatible(korean, english, strict)


def _classified(segment: SegmentText):
    """Each unmatched Korean number with the English number answering it and whether it is an error.

    Only a number answered by a different number is an error: a number left out may be an
    editor's cut, a currency converted to dollars or a unit to miles, so those are warnings."""
    korean = korean_numbers(segment.source)
    english = [_local(q, segment) for q in english_numbers(segment.target)]
    korean_scores, english_scores, korean_spans, english_spans = _scores(segment)
    if korean_scores:
        korean = [q for q in korean if not _inside(q, korean_spans)]
        english = [q for q in english if not _inside(q, english_spans)]
        english_digits = _digits(english_scores)
        for score in korean_scores:
            if _digits([score]) not in english_digits:  # one finding for each score run the English lacks
                other = english_scores[0] if len(english_scores) == len(korean_scores) == 1 else None
                # One score against one: a different one is a slip, unless it is the same read from the
                # other side (2-3으로 졌다 = "lost 3-2").
                if other is None or sorted(_digits([score])) != sorted(_digits([other])):
                    yield score, other, other is not None
    if re.search(r"\bteen", segment.target, re.IGNORECASE):  # 10대 = teenage
        korean = [q for q in korean if not (q.kind == "decade" and q.value == 10)]
    source, target = match(korean, english)
    # months, years and days: the dates check; 15 meters (49 feet), 0.5달러(약 500원): a conversion in
    # parentheses answers the number before it, no other
    source = [q for q in source if q.role in (FIRM, SOFT, TIME)]
    candidates = [t for t in target if t.role not in (YEAR, DAY, TIME)]
    # "29,000 feet (8,840 meters)" against 8840m: the English's own conversion of a number it matched
    left = {(t.start, t.end) for t in target}
    measures = measure_pairs(segment.target)  # read once: the extras below ask it again
    own_conversions = {a if b not in left else b for a, b in measures
                       if (a in left) != (b in left)}
    candidates = [t for t in candidates if (t.start, t.end) not in own_conversions]
    glosses = [q for q in source + candidates if _gloss(segment.source if q in source else segment.target, q)]
    source = [_glossed(q) if q in glosses else q for q in source if q not in glosses or q.kind]
    candidates = [_glossed(t) if t in glosses else t for t in candidates if t not in glosses or t.kind]
    for quantity in list(source):
        converted = next((t for t in candidates if _converted(quantity, t, segment.target)), None)
        if converted is not None:
            source.remove(quantity)
            candidates.remove(converted)
    times = [t for t in target if t.role == TIME]
    korean_times = [q for q in source if _timed(q)]  # 10시 against "17:00" too
    timed = dict(zip(map(id, korean_times), times)) if len(times) == len(korean_times) else {}
    paired = _pairs([q for q in source if not _timed(q)], candidates, segment.target)
    dollars = any(t.unit == "$" for t in english) or any(q.unit == "달러" for q in korean)
    currencies = {t.unit for t in english if t.unit}
    i = 0
    for quantity in source:
        if _timed(quantity):
            if (when := timed.get(id(quantity))) is not None:  # 8시 40분 against 9:40 p.m.; another zone: unsure
                yield quantity, when, when.kind != "zone"
            continue
        other = paired.get(i)
        i += 1
        to_dollars = _converted_currency(quantity, other, dollars, currencies)
        sure_ordinal = other is not None and other.role == ORDINAL and quantity.kind == "rank" and \
            other.text.lower() in _ORDINALS
        sure = quantity.role == FIRM or (other is not None and _same_unit(quantity, other, segment.target))
        error = (sure and other is not None and (other.role != ORDINAL or sure_ordinal)
                 and not to_dollars and not _elided(quantity, other))
        if (quantity.role == SOFT or quantity.kind.startswith("gloss:")) and other is None:
            continue  # a word we may not read (세 명 = "trio"), or 500원 in 0.5 달러(약 500원): too unsure to mention
        yield quantity, other, error
    used = set(map(id, paired.values()))
    spoken_for = {(t.start, t.end) for t in paired.values()}
    halves = {a: b for pair in measures for a, b in (pair, pair[::-1])}
    if not any(q.role == FIRM for q in source):
        for extra in candidates:
            if (extra.role == FIRM and id(extra) not in used and not extra.kind.startswith("gloss:")
                    and halves.get((extra.start, extra.end)) not in spoken_for):
                yield None, extra, False


def _timed(korean: Quantity) -> bool:
    return korean.role == TIME or korean.kind == "hour"


def _local(english: Quantity, segment: SegmentText) -> Quantity:
    if english.kind != "zone":
        return english
    zone = re.match(r"\s?(?:[ap]\.?m\.?\s?)?\(?([A-Z]{2,4})\b", segment.target[english.end:])
    named = _KOREAN_ZONES.get(zone.group(1), ()) if zone else ()
    if not any(name in segment.source for name in named):
        return english
    return Quantity(english.start, english.end, english.text, english.values, english.role, english.unit, "time")


def _converted_currency(korean: Quantity, english: Quantity | None, dollars: bool, currencies: set[str]) -> bool:
    """Whether the English may give a Korean sum in another currency (won to dollars: the rate is
    unknown, so a different number is no sure slip). 1억 유로 against "€140 million" is sure."""
    currency = _CURRENCIES.get(korean.unit)
    if currency is None:
        return False
    if english is not None and english.unit:
        return english.unit != currency
    return korean.unit != "달러" and (dollars or bool(currencies - {currency}))


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
    "has no number of the same value in the English, which has a different number of the same kind "
    "instead (a rank for 38위, an age group for 60대, a percentage for 30%), paired only where the pairing "
    "is unambiguous. Conversions the English names (°F, miles) and times in another zone are accepted.",
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
