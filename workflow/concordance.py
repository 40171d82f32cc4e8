"""Concordance: every segment of every document, and every TM unit, whose Korean or English holds a text.

Each hit carries the spans to mark: the searched text where it occurs, and in the English the
rendering of the searched Korean wherever the glossary knows it (a term of the glossary found in
the hit's Korean, overlapping the searched text, and one of its renderings found in the English).
The TM stores no word alignment, so its units get the same glossary marking and nothing more.
"""

from __future__ import annotations

import unicodedata

from glossaries.index import GlossaryIndex
from workflow.errors import InputError
from workflow.i18n import _
from workflow.models.memory import DOCUMENT, TM, ConcordanceHit, Span
from workflow.storage.store_concordance import ConcordanceRepository
from workflow.storage.store_tm import TranslationMemoryRepository

CONCORDANCE_LIMIT = 200
def occurrences(text: str, query: str) -> tuple[Span, ...]:
    """Every case-insensitive occurrence of query in text (casefold keeps Korean offsets as they are)."""
    folded, wanted = text.lower(), query.lower()
    spans, at = [], folded.find(wanted)
    while at >= 0 and wanted:
        spans.append((at, at + len(wanted)))
        at = folded.find(wanted, at + len(wanted))
    return tuple(spans)


def renderings(index: GlossaryIndex, source: str, target: str, searched: tuple[Span, ...]) -> tuple[Span, ...]:
    """Spans in target rendering the glossary terms whose Korean overlaps a searched span of source."""
    if not searched or not target:
        return ()
    spans: set[Span] = set()
    for use in index.analyse(source, target):
        if any(use.hit.start < end and start < use.hit.end for start, end in searched):
            spans.update((h.start, h.end) for h in use.renderings)
    return tuple(sorted(spans))


def _marks(index: GlossaryIndex, source: str, target: str, query: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    in_source = occurrences(source, query)
    in_target = set(occurrences(target, query)) | set(renderings(index, source, target, in_source))
    return in_source, tuple(sorted(in_target))


def concordance(segments: ConcordanceRepository, memory: TranslationMemoryRepository, index: GlossaryIndex, text: str,
                *, limit: int = CONCORDANCE_LIMIT) -> list[ConcordanceHit]:
    """Document segments first (by document, then segment), then TM units (newest first), each up to limit."""
    query = unicodedata.normalize("NFC", " ".join(text.split()))
    if not query:
        raise InputError("TEXT", _("give something to search for"))
    hits = []
    for hit in segments.segment_search(query, limit):
        target = hit.target or ""
        source_spans, target_spans = _marks(index, hit.source_text, target, query)
        hits.append(ConcordanceHit(DOCUMENT, hit.source_text, target, source_spans, target_spans,
                                   document_id=hit.document_id, title=hit.title, index=hit.index))
    for unit in memory.tm_search(query, limit):
        source_spans, target_spans = _marks(index, unit.source_text, unit.target_text, query)
        hits.append(ConcordanceHit(TM, unit.source_text, unit.target_text, source_spans, target_spans,
                                   origin=unit.origin))
    return hits
