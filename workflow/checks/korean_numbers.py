"""Numbers in Korean text: digits with the units 천, 백, 만, 억, 조 (1억1천만 = 110,000,000), native
number words before counters (세 명), and what the counter after a number says about its role.

A role tells the checks who speaks for a number: "firm" numbers must reappear in the English,
"soft" ones may be rendered in ways we cannot see ("a year" for 1년), and "year", "month", "day"
belong to the dates check so that one slip is not reported twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

FIRM, SOFT, YEAR, MONTH, DAY = "firm", "soft", "year", "month", "day"
NAMED = "named"  # 6.15 남북공동선언, 9.11 테러: a date that names an event, read as no number
TIME = "time"  # a clock time (3시 33분, "0333 GMT"): compared by its minutes, the hour may be another zone's
SCORE = "score"  # a run of scores (3-2, 6-46-4): compared by its digits


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    values: tuple[Decimal, ...]  # more than one where the reading is ambiguous (15시 = 3 p.m.)
    role: str
    unit: str = ""
    kind: str = ""  # what is counted: "percent", "money", "length", "temperature", "rank", "age"...

    @property
    def value(self) -> Decimal:
        return self.values[0]

    def shown(self) -> str:
        if self.role in (SCORE, TIME):
            return self.text
        value = format_decimal(self.value, locale="en_US")
        return self.text if self.text == value else f"{self.text} ({value})"


def parse_digits(text: str) -> Decimal | None:
    # strict=True: without it babel accepts "1,234.5" in ways that depend on the locale.
    try:
        return parse_decimal(text, locale="en_US", strict=True)
    except NumberFormatError:
        return None


DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SMALL = {"천": 1000, "백": 100}
_BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
_GROUP = re.compile(rf"({DIGITS})(?: ?(천|백))?(?: ?(조|억|만))?")
_NUMBER_START = re.compile(r"(?<![\d.,])\d")

# Native numbers are only numbers before a counter: 세 is also "tax", 열 "heat", 두 "put". Tens and
# ones combine, with or without a space: 열 다섯 마리 = 15, 스물세 살 = 23.
_NATIVE_ONES = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_NATIVE_TENS = {"열": 10, "스무": 20, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70,
                "여든": 80, "아흔": 90}
_COUNTERS = "명|개|번|차례|가지|마리|살|시간|달|대|곳|채|권|척|배|사람|군데|주일"


def _alternatives(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_NATIVE_WORD = re.compile(
    rf"(?<![가-힣])(?:({_alternatives(_NATIVE_TENS)})\s?({_alternatives(_NATIVE_ONES)})?"
    rf"|({_alternatives(_NATIVE_ONES)}))\s?(?:{_COUNTERS})")
# Spans of days in native words: 하루 is "a day" or "24 hours", 이틀 "two days", 보름 "15 days".
_DAYS = {"하루": (1, 24), "이틀": (2, 48), "사흘": (3, 72), "나흘": (4,), "닷새": (5,), "엿새": (6,), "이레": (7,),
         "열흘": (10,), "보름": (15,)}
_DAYS_WORD = re.compile(rf"(?<![가-힣])({'|'.join(_DAYS)})(?:만|간|동안|째|씩|전|후|뒤|를|가|는|의|에|도|이나)?(?![가-힣])")
_STANDALONE = {"하나": 1, "둘": 2, "셋": 3, "넷": 4}
_STANDALONE_WORD = re.compile(r"(?<![가-힣])(하나|둘|셋|넷)(?:은|는|이|가|을|를|의|도|와|과|에|로|뿐)?(?![가-힣])")

_AFTER = re.compile(
    r"\s?(여\s?)?(개월|년대|년|월|일|시간|시|분|초|명|%|퍼센트|달러|원|유로|엔|위안|파운드|개국|개|번째|번|차|위"
    r"|세|살|배럴|배|주년|주|건|회|층|톤|가구|마리|척|곳|km|㎞|킬로미터|kg|㎏|킬로그램|t|마일|피트|인치|야드|포인트|도|mm|㎜"
    r"|m|미터|cm|㎝|대)?")
# Readings the translator may convert (km to miles, 2차 to "II"), so a mismatch is not certain.
_CONVERTIBLE = {"차", "km", "㎞", "킬로미터", "kg", "㎏", "킬로그램", "t", "톤", "마일", "피트", "인치", "야드", "도", "m",
                "미터", "cm", "㎝", "mm", "㎜", "배"}
KINDS = {"%": "percent", "퍼센트": "percent", "달러": "money", "원": "money", "유로": "money", "엔": "money",
         "위안": "money", "파운드": "money", "km": "length", "킬로미터": "length", "마일": "length",
         "m": "length", "미터": "length", "cm": "length", "mm": "length", "㎞": "length", "㎝": "length",
         "㎜": "length", "피트": "length", "인치": "length", "야드": "length", "㎏": "weight", "kg": "weight", "킬로그램": "weight", "t": "weight",
         "톤": "weight", "도": "temperature", "위": "rank", "번째": "rank", "세": "age", "살": "age",
         "대": "decade", "개월": "time", "시간": "time", "분": "time", "초": "time",
         # people and things counted: never a length, a sum or a span of time ("2명" is not "18 minutes")
         "명": "count", "개": "count", "마리": "count", "가구": "count", "개국": "count", "건": "count",
         "곳": "count", "척": "count"}
# A particle after bare digits (2008에, 5는) leaves the number's reading sure.
_PARTICLE = re.compile(r"(?:은|는|이|가|을|를|의|에서|에게|에|으로|로|와|과|도|만|까지|부터|보다|처럼|이나|나|씩|쯤)"
                       r"(?![가-힣])")
_RANGE = re.compile(r"\s?[~∼～]\s?")
_RACE_TIME = re.compile(r"\d\d(?!\d)")
_MINUTES = re.compile(r"\s?(\d{1,2})\s?분")
_DATE_STAMP = re.compile(r"(?:19|20)\d\d\.\d{1,2}(?:\.\d{1,2})?(?!\d)")
_DATE_NAME = re.compile(r"(?:1[0-2]|[1-9])\.(?:[1-9]|[12]\d|3[01])(?!\d)"
                        r"(?=\s?(?:선언|공동|남북|사태|테러|참사|항쟁|혁명|운동|민주|의거|절|합의|조치|대책|정상회담|선거))")
# 13:10 (a clock, or a match clock's minutes:seconds, 27:37), and 오후 5.30 with a dot
_CLOCK = re.compile(r"(\d{1,2})(?:(:)|\.)([0-5]\d)(?![\d.,:])")
_DURATION_AFTER_DAY = re.compile(r"\s?(동안|간|째|만|이상|이내|넘게|가량|정도|치|여|밖에|연속|짜리)")
_MONTH_BEFORE = re.compile(r"\d\s?월\s?$")
_MONTH_AFTER = re.compile(r"\s?\d{1,2}\s?월")


def korean_numbers(text: str) -> list[Quantity]:
    found = _digit_numbers(text)
    found += [Quantity(m.start(), m.end(), m.group(0), (Decimal(_native(m)),), SOFT)
              for m in _NATIVE_WORD.finditer(text) if m.group(1) != "스물" or m.group(2)]
    found += [Quantity(m.start(1), m.end(1), m.group(1), (Decimal(_STANDALONE[m.group(1)]),), SOFT)
              for m in _STANDALONE_WORD.finditer(text)]
    found += [Quantity(m.start(1), m.end(1), m.group(1), tuple(Decimal(v) for v in _DAYS[m.group(1)]), SOFT,
                       kind="time") for m in _DAYS_WORD.finditer(text)]
    found.sort(key=lambda q: q.start)
    for i in range(len(found) - 1):  # 22~25도: the first number of a range takes the second's counter
        first, second = found[i], found[i + 1]
        if (first.text[-1:].isdigit() and not second.text[-1:].isdigit()
                and _RANGE.fullmatch(text, first.end, second.start)):
            values = first.values
            if unit := re.match(r"[\d.,]+\s?(천|백|만|억|조)(?![\d천백])", second.text):
                scale = {**_SMALL, **_BIG}[unit.group(1)]  # 2~3만 명: 20,000 to 30,000
                values = (_plain(first.value * scale), first.value)
            found[i] = Quantity(first.start, first.end, first.text, values, second.role, second.unit,
                                second.kind)
    return found


def _native(m: re.Match[str]) -> int:
    tens, ones, alone = m.group(1), m.group(2), m.group(3)
    return _NATIVE_ONES[alone] if alone else _NATIVE_TENS[tens] + (_NATIVE_ONES[ones] if ones else 0)


def clock_values(hour: int, minute: int) -> tuple[Decimal, ...]:
    """A clock time as minutes from midnight, morning and evening readings both (8시 40분 = 8:40 p.m.)."""
    return tuple(dict.fromkeys(Decimal((h % 12 + half) * 60 + minute) for half in (0, 12) for h in (hour,)))


def korean_value(text: str) -> Decimal | None:
    """The value of a Korean written number such as 1억1천만, 12조3천억, 2만5천 or 3.5억."""
    found = _digit_numbers(text)
    return found[0].value if len(found) == 1 and found[0].start == 0 else None


def _digit_numbers(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    pos = 0
    while (start := _NUMBER_START.search(text, pos)) is not None:
        if stamp := _DATE_STAMP.match(text, start.start()):
            # 2005.10, the datelines of wire copy: a date, not the number 2,005.1
            found.append(Quantity(stamp.start(), stamp.end(), stamp.group(0),
                                  (Decimal(stamp.group(0)[:4]),), YEAR))
            pos = stamp.end()
            continue
        if clock := _CLOCK.match(text, start.start()):
            after_noon = text[max(0, start.start() - 4):start.start()].rstrip().endswith(("오전", "오후"))
            if clock.group(2) or (after_noon and int(clock.group(1)) <= 12):
                # 13:10, 오후 5.30: hours and minutes, not 13 and 10 or 5.3
                found.append(Quantity(clock.start(), clock.end(), clock.group(0),
                                      clock_values(int(clock.group(1)), int(clock.group(3))), TIME, kind="time"))
                pos = clock.end()
                continue
        if named := _DATE_NAME.match(text, start.start()):
            found.append(Quantity(named.start(), named.end(), named.group(0), (Decimal(0),), NAMED))
            pos = named.end()
            continue
        value, end = _compound(text, start.start())
        if value is None:
            pos = start.start() + 1
            continue
        found.append(_classify(text, start.start(), end, value))
        pos = max(end, found[-1].end, start.start() + 1)
    return found


def _compound(text: str, start: int) -> tuple[Decimal | None, int]:
    """Reads 1억1천만, 12조3천억, 2만 5천, 1억 4천 2백만: groups of 천/백 multiplied by a big unit
    (조, 억, 만), each big unit smaller than the last, each small unit smaller within its group."""
    total, part, end = Decimal(0), Decimal(0), start
    last_big, last_small = 10**16, 10**4
    while (m := _GROUP.match(text, end)) is not None:
        small, big = _SMALL.get(m.group(2) or "", 1), _BIG.get(m.group(3) or "")
        if small >= last_small or (big or 0) >= last_big or (end > start and text[end - 1] == " "
                                                             and not (m.group(2) or m.group(3) or "," in m.group(1))):
            break
        number = parse_digits(m.group(1))
        if number is None:
            return None, start
        part += number * small
        end = m.end()
        if big:
            total, part, last_big, last_small = total + part * big, Decimal(0), big, 10**4
        else:
            last_small = small
        if small == 1 and not big:
            break  # bare digits end a number: 2만5000
        if text[end:end + 1] == " " and _GROUP.match(text, end + 1):
            end += 1  # 2만 5천: a space may separate the groups of one number
    if end == start:
        return None, start
    if text[end - 1] == " ":
        end -= 1
    total += part
    return _plain(total), end


def _plain(value: Decimal) -> Decimal:
    # 1.1E+8 would show as such in messages; keep integers integral and drop trailing zeros.
    return Decimal(int(value)) if value == value.to_integral() else value.normalize()


def _classify(text: str, start: int, end: int, value: Decimal) -> Quantity:
    after = _AFTER.match(text, end)
    assert after is not None  # every part of _AFTER is optional: it matches, if only emptily
    counter = after.group(2) or ""
    if (counter == "월" and value > 12) or (counter == "대" and not (10 <= value < 100 and value % 10 == 0)):
        counter = ""  # 2002 월드컵 is no month; 3대 is three of something, not an age
    stop = after.end() if counter else end
    if counter == "초" and (race := _RACE_TIME.match(text, stop)):
        value, stop = Decimal(f"{value}.{race.group(0)}"), race.end()  # 13초04 = 13.04 seconds
    if counter == "시" and value <= 24 and value == int(value) and (minutes := _MINUTES.match(text, stop)):
        return Quantity(start, minutes.end(), text[start:minutes.end()],
                        clock_values(int(value), int(minutes.group(1))), TIME, kind="time")
    values: tuple[Decimal, ...] = (value,)
    role, unit = FIRM, ""
    kind = KINDS.get(counter, "")
    if counter == "월":
        role = MONTH
    elif counter == "년대" or (counter == "년" and value >= 1000):
        role = YEAR
    elif counter == "년" and value < 100 and _MONTH_AFTER.match(text, stop):
        role, values = YEAR, (1900 + value if value > 30 else 2000 + value, value)
    elif counter == "일" and not _DURATION_AFTER_DAY.match(text, stop):
        role = DAY  # "지난 16일": a day of the month, unless 동안/간/째 make it a span of days
    elif counter == "시" and value <= 24:
        role, values = SOFT, ((value, value - 12) if value > 12 else (value, value + 12))  # 15시 = 3 p.m.
        kind = "hour"
    elif value == 1 or counter in _CONVERTIBLE:
        role = SOFT  # 1년 = "a year"; km may become miles; 2차 세계대전 = "World War II"
    elif (not counter and "," not in text[start:end] and 1900 <= value <= 2099 and value == int(value)
          and not text[start:end].endswith(tuple(_SMALL) + tuple(_BIG))):
        role = YEAR  # 유로 2008, 2002 월드컵: a year without 년
    elif not counter and re.match(r"[가-힣]", text[stop:stop + 1]) and not _PARTICLE.match(text, stop):
        role = SOFT  # 6자회담 = "six-party talks": part of a word we do not know how to render
    if counter == "일" and _MONTH_BEFORE.search(text[:start]):
        role = DAY
    if counter in ("달러", "원", "유로", "엔", "위안", "파운드"):
        unit = counter
    if text[start:end].endswith("조") and (value / 10**12) < 1000 and value % 10**12 == 0:
        values = (value, (value / 10**12).normalize())  # 헌법 9조 is Article 9, not nine trillion
    if counter == "세" and text[stop:stop + 1] == "기":
        kind, stop = "rank", stop + 1  # 19세기 = the 19th century
    elif counter == "도" and text[stop:stop + 1] == "대":
        kind, stop = "decade", stop + 1  # 80도대 = the 80s
    if role == DAY:
        kind = "day"
    elif counter in ("년", "일", "주") and role == FIRM:
        kind = "time"
    return Quantity(start, stop, text[start:stop], values, role, unit, kind)
