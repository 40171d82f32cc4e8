"""What the translation memory and the concordance answer: units, fuzzy matches, hits with spans."""

from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class TmUnit:
    id: int
    source: str
    target: str
    document_id: int | None
    author: str
    approver: str
    created_at: str
    origin: str


@dataclass(frozen=True)
class TmMatch:
    unit: TmUnit
    score: float  # 0-100, fuzz.ratio of the Korean
    diff: list[tuple[int, str]]  # word diff from the memory's Korean to the segment's


DOCUMENT, TM = "document", "tm"

Span = tuple[int, int]


@dataclass(frozen=True)
class ConcordanceHit:
    kind: str  # DOCUMENT (a segment, openable in the editor) or TM (a translation-memory unit)
    source: str
    target: str
    source_spans: tuple[Span, ...]  # the searched text in the Korean
    target_spans: tuple[Span, ...]  # the searched text, or the glossary's rendering of it, in the English
    document_id: int | None = None  # for DOCUMENT hits
    title: str = ""
    index: int | None = None  # the segment's number, for DOCUMENT hits
    origin: str = ""  # for TM hits: approval, import:FILE

    @property
    def where(self) -> tuple[int, int] | None:
        """(document id, segment number) to open, or None for a TM unit."""
        if self.kind == DOCUMENT and self.document_id and self.index is not None:
            return self.document_id, self.index
        return None
