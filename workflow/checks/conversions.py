"""A measure the English gives twice, converted in brackets ("111km (69 miles)", "36 inches (900 mm)"),
must agree with itself. The Korean usually has only one of the two, so the number check cannot see
a slip in the other; this check can, from the English alone."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from babel.numbers import format_decimal

from workflow.checks.context import CheckContext
from workflow.checks.korean_numbers import parse_digits
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.registry import Check, register
from workflow.i18n import _

# unit pattern -> (dimension, size in the dimension's base unit); longer spellings first
_UNITS: list[tuple[str, str, Decimal | str]] = [
    (r"square (?:kilomet(?:er|re)s?|km)|km2|km²|sq\.? km", "area", Decimal(10**6)),
    (r"square miles?|sq\.? miles?", "area", Decimal("2589988.11")),
    (r"square (?:met(?:er|re)s?|m)|m2|m²", "area", Decimal(1)),
    (r"square (?:feet|foot|ft)|sq\.? ft", "area", Decimal("0.09290304")),
    (r"hectares?|ha", "area", Decimal(10**4)),
    (r"acres?", "area", Decimal("4046.8564")),
    (r"km/h|kph|kmh|kilomet(?:er|re)s? (?:an|per) hour", "speed", Decimal(1)),
    (r"mph|miles (?:an|per) hour", "speed", Decimal("1.609344")),
    (r"kilomet(?:er|re)s?|km", "length", Decimal(1000)),
    (r"centimet(?:er|re)s?|cm", "length", Decimal("0.01")),
    (r"millimet(?:er|re)s?|mm", "length", Decimal("0.001")),
    (r"met(?:er|re)s?|m", "length", Decimal(1)),
    (r"miles?", "length", Decimal("1609.344")),
    (r"yards?|yd", "length", Decimal("0.9144")),
    (r"feet|foot|ft", "length", Decimal("0.3048")),
    (r"inch(?:es)?|in\.", "length", Decimal("0.0254")),
    (r"kilograms?|kilos?|kg", "mass", Decimal(1)),
    (r"grams?|g", "mass", Decimal("0.001")),
    (r"(?:metric )?tonnes?", "mass", Decimal(1000)),
    (r"pounds?|lbs?", "mass", Decimal("0.45359237")),
    (r"ounces?|oz", "mass", Decimal("0.0283495")),
    (r"lit(?:er|re)s?|l", "volume", Decimal(1)),
    (r"gallons?", "volume", Decimal("3.785411784")),
    (r"°\s?C|degrees? (?:Celsius|centigrade|C\b)", "temperature", "C"),
    (r"°\s?F|degrees? (?:Fahrenheit|F\b)", "temperature", "F"),
]
_UNIT = "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _d, _s) in enumerate(_UNITS))
_NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
_MEASURE = rf"(?P<n>{_NUMBER})[\s-]?(?:{_UNIT})\b"
# "111km (69 miles)", "36 inches (about 900 mm)": the bracket holds nothing but the converted measure
_PAIR = re.compile(
    rf"(?<![\w.,]){_MEASURE.replace('?P<', '?P<a')}\s?\(\s?(?:about|around|some|roughly|approx\.|approximately|nearly"
    rf"|almost|more than|over|under|less than)?\s?{_MEASURE.replace('?P<', '?P<b')}\s?\)",
    re.IGNORECASE)


def _measure(match: re.Match[str], side: str) -> tuple[Decimal, str, Decimal | str] | None:
    digits = match.group(f"{side}n")
    number = parse_digits(digits.lstrip("-"))
    if number is None:
        return None
    for i, (_pattern, dimension, size) in enumerate(_UNITS):
        if match.group(f"{side}u{i}") is not None:
            return (-number if digits.startswith("-") else number), dimension, size
    return None


def _converted(value: Decimal, size: Decimal | str, into: Decimal | str) -> Decimal:
    if size == "C":  # the temperature scales are affine, not multiples
        return value * Decimal("1.8") + 32
    if size == "F":
        return (value - 32) / Decimal("1.8")
    assert isinstance(size, Decimal) and isinstance(into, Decimal)
    return value * size / into


def _close(exact: Decimal, given: Decimal) -> bool:
    # A conversion is rounded to what the writer thought sensible: "29,000 feet" for 8,840 meters,
    # "about 150 miles" for 240km. Accept rounding to the given number's last non-zero digit (from 100
    # up: "10 km" is not "about ten"), or 1.5%.
    text = format(abs(given), "f")
    if "." in text:
        step = Decimal(1).scaleb(-len(text.split(".")[1]))
    elif abs(given) >= 100:
        step = Decimal(1).scaleb(len(text) - len(text.rstrip("0")))
    else:
        step = Decimal(1)
    return abs(exact - given) <= max(step, abs(exact) * Decimal("0.015"))


def _shown(value: Decimal) -> str:
    rounded = value.quantize(Decimal(1)) if abs(value) >= 10 else value.quantize(Decimal("0.1"))
    return format_decimal(rounded, locale="en_US")


def measure_pairs(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The spans of the two numbers of each measure given twice ("29,000 feet (8,840 meters)"):
    one is the other converted, so a Korean number answered by either is answered by both."""
    return [((m.start("an"), m.end("an")), (m.start("bn"), m.end("bn"))) for m in _PAIR.finditer(text)]


@register(
    "number.conversion", "Conversion does not agree", Severity.WARNING,
    "The English gives a measure with its conversion in brackets (“111km (69 miles)”, “36 inches "
    "(900 mm)”) and the two do not agree, allowing for the rounding the conversion shows.",
)
def conversion(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    for match in _PAIR.finditer(segment.target):
        first, second = _measure(match, "a"), _measure(match, "b")
        if first is None or second is None or first[1] != second[1] or first[2] == second[2]:
            continue  # not two units of one dimension: nothing to convert
        exact = _converted(first[0], first[2], second[2])
        if not _close(exact, second[0]):
            given = segment.target[match.start("bn"):match.end() - 1].rstrip()
            measure = segment.target[match.start("an"):match.start("bn")].rstrip(" (").strip()
            measure = measure.split("(")[0].rstrip()
            unit = segment.target[match.end("bn"):match.end() - 1].strip(" -")
            yield check.finding(
                segment.index,
                _("“{given}” does not convert {measure}: that is about {exact}").format(
                    given=given, measure=measure, exact=f"{_shown(exact)} {unit}".replace(" °", "°")),
                target_span=(match.start("bn"), match.start("bn") + len(given)))
