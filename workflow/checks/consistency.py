"""Document consistency: one Korean sentence translated two ways, or one English sentence standing
for two different Korean sentences (often a paste into the wrong segment).

A glossary term's renderings that its entry allows (the preferred one and the admitted ones) count as
one rendering here, and so do its Korean forms (노동당 and 로동당): two translations of one Korean
sentence that differ only in "sent home" against "repatriated", both allowed for 송환, agree."""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossaries.index import TermUse
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


def _term_spans(uses: tuple[TermUse, ...], korean: bool) -> list[tuple[int, int, str]]:
    """(start, end, term) of each glossary term's Korean hit or allowed English rendering, longest
    first where they overlap, in text order."""
    spans = set()
    for use in uses:
        name = f"\x00{use.term.id if use.term.id is not None else use.term.ko}\x00"
        if korean:
            spans.add((use.hit.start, use.hit.end, name))
        else:
            spans.update((r.start, r.end, name) for r in use.renderings)
    kept: list[tuple[int, int, str]] = []
    for start, end, name in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, name))
    return kept


def _with_terms(text: str, span: tuple[int, int] | None, terms: list[tuple[int, int, str]]) -> str | None:
    """text[span] with each term inside it replaced by the term's name; None without terms inside."""
    if span is None:
        return None
    lo, hi = span
    inside = [t for t in terms if lo <= t[0] and t[1] <= hi]
    if not inside:
        return None
    parts, at = [], lo
    for start, end, name in inside:
        parts += [text[at:start], name]
        at = end
    parts.append(text[at:hi])
    return "".join(parts)


def _observed(segment: SegmentText, context: CheckContext) -> list[tuple[str, str, str, str, tuple]]:
    """Per sentence pair: the Korean and English keys, the same with the glossary's terms standing for
    their allowed forms (what the values compare), and the pair itself."""
    pairs = context.shared(_pairs, segment.source, segment.target)
    uses = context.term_uses(segment.source, segment.target) if pairs else ()
    ko_terms, en_terms = _term_spans(uses, True), _term_spans(uses, False)
    observed = []
    for pair in pairs:
        ko, en, ks, es = pair
        ko_key, en_key = _ko_key(ko), _en_key(en)
        ko_value, en_value = _with_terms(segment.source, ks, ko_terms), _with_terms(segment.target, es, en_terms)
        observed.append((ko_key, en_key, ko_key if ko_value is None else _ko_key(ko_value),
                         en_key if en_value is None else _en_key(en_value), pair))
    return observed


def _korean_sentences(segment: SegmentText, context: CheckContext) -> Iterator[Observation]:
    for ko_key, _en, _kv, en_value, (_k, en, ks, es) in _observed(segment, context):
        if len(ko_key) >= _MIN_KO_CHARS:
            yield Observation(ko_key, en_value, (en, ks, es))


def _english_sentences(segment: SegmentText, context: CheckContext) -> Iterator[Observation]:
    for _kk, en_key, ko_value, _ev, (ko, _e, ks, es) in _observed(segment, context):
        if len(en_key.split()) >= _MIN_EN_WORDS:
            yield Observation(en_key, ko_value, (ko, ks, es))


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
