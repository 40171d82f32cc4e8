"""Document consistency: one Korean sentence translated two ways, or one English sentence standing
for two different Korean sentences (often a paste into the wrong segment)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.context import CheckContext
from workflow.checks.model import Finding, SegmentText, Severity
from workflow.checks.registry import Check, Observation, register_agreement
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


def _pairs(source: str, target: str) -> tuple[tuple[str, str, tuple | None, tuple | None], ...]:
    """(Korean, English, source span, target span): sentence by sentence when the counts agree, else
    the whole segment, since we cannot tell which English sentence renders which Korean one."""
    if not source.strip() or not target.strip():
        return ()
    ko = split_sentences(source, "ko")
    en = split_sentences(target, "en")
    if len(ko) != len(en):
        ko, en = [source.strip()], [target.strip()]
    pairs = []
    ko_at = en_at = 0
    for k, e in zip(ko, en):
        ks, es = _span(source, k, ko_at), _span(target, e, en_at)
        ko_at, en_at = (ks or (ko_at, ko_at))[1], (es or (en_at, en_at))[1]
        pairs.append((k, e, ks, es))
    return tuple(pairs)


def _korean_sentences(segment: SegmentText, context: CheckContext) -> Iterator[Observation]:
    for ko, en, ks, es in context.shared(_pairs, segment.source, segment.target):
        key = _ko_key(ko)
        if len(key) >= _MIN_KO_CHARS:
            yield Observation(key, _en_key(en), (en, ks, es))


def _english_sentences(segment: SegmentText, context: CheckContext) -> Iterator[Observation]:
    for ko, en, ks, es in context.shared(_pairs, segment.source, segment.target):
        key = _en_key(en)
        if len(key.split()) >= _MIN_EN_WORDS:
            yield Observation(key, _ko_key(ko), (ko, ks, es))


@register_agreement(
    "consistency.source", "Sentence translated two ways", Severity.WARNING,
    "The same Korean sentence appears twice in the article with different English.",
    observe=_korean_sentences,
)
def same_source(check: Check, index: int, seen: Observation, first_index: int, first: Observation) -> Finding:
    ks, es = seen.detail[1:]
    return check.finding(index, _("Translated differently in segment {index}: “{earlier}”").format(
        index=first_index, earlier=first.detail[0]), source_span=ks, target_span=es)


@register_agreement(
    "consistency.target", "One English for two Korean", Severity.WARNING,
    "The same English sentence renders two different Korean sentences in the article.",
    observe=_english_sentences,
)
def same_target(check: Check, index: int, seen: Observation, first_index: int, first: Observation) -> Finding:
    ks, es = seen.detail[1:]
    return check.finding(index, _("The same English renders different Korean in segment {index}: "
                                  "“{earlier}”").format(index=first_index, earlier=first.detail[0]),
                         source_span=ks, target_span=es)
