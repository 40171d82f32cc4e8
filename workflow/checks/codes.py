"""Inline codes (⟦1⟧ ⟦/1⟧ ⟦1/⟧ tokens standing for formatting and placeholders in XLIFF): the English
must carry exactly the Korean's, each once, with every pair opened before it is closed and pairs
nested, or the file cannot be written back with its markup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from workflow.checks.context import CheckContext
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.registry import Check, register
from workflow.i18n import _
from workflow.interchange.model import TOKEN


def _spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


@register(
    "codes.mismatch", "Placeholders differ", Severity.ERROR,
    "The English lacks a placeholder or formatting code of the Korean, has one the Korean does not "
    "(or twice), closes a pair before opening it, or lets two pairs overlap.",
)
def mismatch(check: Check, segment: SegmentText, context: CheckContext) -> Iterable[Finding]:
    for message, source_span, target_span in problems(segment.source, segment.target):
        yield check.finding(segment.index, message, source_span=source_span, target_span=target_span)


Span = tuple[int, int] | None


def problems(source_text: str, target_text: str) -> list[tuple[str, Span, Span]]:
    """(message, span in the Korean, span in the English) for each way the English's tokens are wrong."""
    if not target_text.strip():
        return []
    source, target = _spans(source_text), _spans(target_text)
    if not source and not target:
        return []
    found: list[tuple[str, Span, Span]] = []
    wanted = Counter(token for token, _, _ in source)
    have = Counter(token for token, _, _ in target)
    seen: Counter[str] = Counter()
    for token, start, end in source:
        seen[token] += 1
        if seen[token] > have[token]:
            missing = _("{token} of the Korean is missing from the English").format(token=token)
            found.append((missing, (start, end), None))
    seen.clear()
    for token, start, end in target:
        seen[token] += 1
        if seen[token] > wanted[token]:
            message = _("{token} is in the English again") if wanted[token] else \
                _("{token} is in the English but the Korean has no such code")
            found.append((message.format(token=token), None, (start, end)))
    found.extend(_order(target))
    return found


def _order(target: list[tuple[str, int, int]]) -> Iterable[tuple[str, Span, Span]]:
    open_pairs: list[str] = []  # numbers of pairs opened and not yet closed, innermost last
    opened: set[str] = set()
    for token, start, end in target:
        match = TOKEN.fullmatch(token)
        assert match is not None  # target holds tokens TOKEN found (see _spans)
        closing, number, standalone = match.group(1), match.group(2), match.group(3)
        if standalone:
            continue
        if not closing:
            open_pairs.append(number)
            opened.add(number)
        elif number not in opened:
            early = _("{token} closes a pair before ⟦{number}⟧ opens it").format(token=token, number=number)
            yield early, None, (start, end)
        elif open_pairs and open_pairs[-1] != number and number in open_pairs:
            inner = open_pairs[-1]
            yield (_("⟦{number}⟧…{token} and ⟦{inner}⟧…⟦/{inner}⟧ overlap; one must sit inside the other").format(
                number=number, token=token, inner=inner), None, (start, end))
            open_pairs.remove(number)
        elif number in open_pairs:
            open_pairs.pop()
