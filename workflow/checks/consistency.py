"""Document consistency: one Korean sentence translated two ways, or one English sentence standing
for two different Korean sentences (often a paste into the wrong segment)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from workflow.checks.context import CheckContext
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.registry import Check, register
from workflow.i18n import _
from workflow.sentences import split_sentences

# Short sentences ("그는 말했다.", "He said.") repeat legitimately with different counterparts.
_MIN_KO_CHARS = 10
_MIN_EN_WORDS = 4
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _ko_key(sentence: str) -> str:
    return re.sub(r"\s+", "", sentence)  # Korean spacing varies between writers


def _en_key(sentence: str) -> str:
    return " ".join(sentence.translate(_QUOTES).split())


def _span(text: str, part: str, start: int) -> tuple[int, int] | None:
    at = text.find(part, start)
    return (at, at + len(part)) if at >= 0 else None


def _pairs(segment: SegmentText) -> Iterator[tuple[str, str, tuple | None, tuple | None]]:
    """(Korean, English, source span, target span): sentence by sentence when the counts agree, else
    the whole segment, since we cannot tell which English sentence renders which Korean one."""
    if not segment.source.strip() or not segment.target.strip():
        return
    ko = split_sentences(segment.source, "ko")
    en = split_sentences(segment.target, "en")
    if len(ko) != len(en):
        ko, en = [segment.source.strip()], [segment.target.strip()]
    ko_at = en_at = 0
    for k, e in zip(ko, en):
        ks, es = _span(segment.source, k, ko_at), _span(segment.target, e, en_at)
        ko_at, en_at = (ks or (ko_at, ko_at))[1], (es or (en_at, en_at))[1]
        yield k, e, ks, es


@register(
    "consistency.source", "Sentence translated two ways", Severity.WARNING,
    "The same Korean sentence appears twice in the article with different English.",
    scope="document",
)
def same_source(check: Check, segments: Sequence[SegmentText], context: CheckContext) -> Iterable[Finding]:
    first: dict[str, tuple[int, str]] = {}
    for segment in segments:
        for ko, en, ks, es in _pairs(segment):
            key = _ko_key(ko)
            if len(key) < _MIN_KO_CHARS:
                continue
            if key not in first:
                first[key] = (segment.index, en)
            elif _en_key(first[key][1]) != _en_key(en):
                index, earlier = first[key]
                yield check.finding(segment.index,
                                    _("Translated differently in segment {index}: “{earlier}”").format(
                                        index=index, earlier=earlier),
                                    source_span=ks, target_span=es)


@register(
    "consistency.target", "One English for two Korean", Severity.WARNING,
    "The same English sentence renders two different Korean sentences in the article.",
    scope="document",
)
def same_target(check: Check, segments: Sequence[SegmentText], context: CheckContext) -> Iterable[Finding]:
    first: dict[str, tuple[int, str]] = {}
    for segment in segments:
        for ko, en, ks, es in _pairs(segment):
            key = _en_key(en)
            if len(key.split()) < _MIN_EN_WORDS:
                continue
            if key not in first:
                first[key] = (segment.index, ko)
            elif _ko_key(first[key][1]) != _ko_key(ko):
                index, earlier = first[key]
                yield check.finding(segment.index,
                                    _("The same English renders different Korean in segment {index}: "
                                      "“{earlier}”").format(index=index, earlier=earlier),
                                    source_span=ks, target_span=es)
