"""Turning a Korean original (and optionally an English draft) into planned segments.

Pure: reads files and computes, writes nothing. The Workspace stores a plan in one transaction,
so a file that fails here leaves the workspace untouched.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from glossaries.index import GlossaryIndex
from workflow import align, pairing_notes
from workflow.align_evidence import document_terms, english_evidence, korean_evidence
from workflow.blocks import Block, parse_blocks
from workflow.errors import InputError
from workflow.i18n import _
from workflow.models import SegmentKind
from workflow.textfile import TextFile, read_article


@dataclass(frozen=True)
class PlannedSegment:
    block: int  # 1-based Korean block
    kind: SegmentKind
    source: str
    target: str | None
    score: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class ImportPlan:
    korean: TextFile
    english: TextFile | None
    title: str
    segments: list[PlannedSegment]
    sentences: bool
    warnings: list[str] = field(default_factory=list)

    @property
    def doubtful(self) -> list[PlannedSegment]:
        return [s for s in self.segments if s.note]


def plan_import(
    korean_path: Path | str,
    english_path: Path | str | None = None,
    *,
    title: str | None = None,
    sentences: bool = False,
    glossary: GlossaryIndex | None = None,
) -> ImportPlan:
    korean = read_article(korean_path)
    english = read_article(english_path) if english_path is not None else None
    return plan_texts(korean, english, title=title, sentences=sentences, glossary=glossary)


def plan_texts(korean: TextFile, english: TextFile | None, *, title: str | None = None,
               sentences: bool = False, glossary: GlossaryIndex | None = None) -> ImportPlan:
    """plan_import for files already decoded (Files.import_file reports decoding as a step of its own).
    `glossary`: the house glossary, whose terms help pair the draft's paragraphs with the Korean."""
    ko_blocks = _blocks(korean)
    en_blocks = _blocks(english) if english else None
    if en_blocks is None:
        segments = [PlannedSegment(i, b.kind, b.text, None) for i, b in enumerate(ko_blocks, 1)]
    else:
        segments = _pair_blocks(ko_blocks, en_blocks, glossary)
    if sentences:
        segments = _split_into_sentences(segments)
    chosen_title = unicodedata.normalize("NFC", (title or "").strip()) or _title_of(ko_blocks)
    warnings = [*korean.warnings, *(english.warnings if english else ())]
    return ImportPlan(korean, english, chosen_title, segments, sentences, warnings)


def _blocks(file: TextFile) -> list[Block]:
    if file.blocks is not None:  # an HTML page: its extractor found the blocks
        return list(file.blocks)
    markdown = file.path.suffix.lower() not in {".txt", ".text"}
    blocks = parse_blocks(file.text, markdown=markdown)
    if not blocks:
        raise InputError(str(file.path), _("holds no text blocks to import"))
    return blocks


def _title_of(blocks: list[Block]) -> str:
    for block in blocks:
        if block.kind is SegmentKind.TITLE:
            return block.text
    return blocks[0].text[:80]


def _pair_blocks(ko: list[Block], en: list[Block], glossary: GlossaryIndex | None = None) -> list[PlannedSegment]:
    terms = document_terms((b.text for b in ko), glossary)

    def korean(text: str) -> align.Unit:
        return align.unit(text, evidence=korean_evidence(text, glossary))

    def english(text: str) -> align.Unit:
        return align.unit(text, evidence=english_evidence(text, terms))

    source = [_with_sentences(b, "ko", korean) for b in ko]
    target = [_with_sentences(b, "en", english) for b in en]
    beads = (align.parallel(source, target) if len(ko) == len(en)
             else align.align(source, target, cut_merges=True))
    c = align.ratio(source, target)
    texts: list[str | None] = [None] * len(ko)
    notes: dict[int, str] = {}
    scores: dict[int, float] = {}
    orphans: list[tuple[int, str]] = []  # English with no Korean: (Korean index to attach to, text)
    for bead in beads:
        en_text = " ".join(en[j].text for j in bead.target)
        shape = bead.shape
        if shape == (1, 1):
            i = bead.source[0]
            texts[i], scores[i] = en_text, bead.score
            if bead.close_call:
                notes[i] = _close_call(bead)
            elif bead.score < align.DOUBTFUL_PAIR:
                shorter = len(en_text) < len(ko[i].text) * c
                notes[i] = pairing_notes.SHORTER if shorter else pairing_notes.LONGER
        elif shape == (1, 2):
            i = bead.source[0]
            texts[i], scores[i] = en_text, bead.score
            left, right = bead.target
            notes[i] = pairing_notes.SPLIT.format(first=left + 1, second=right + 1)
        elif shape == (2, 1):
            first, second = bead.source
            pieces = _pieces(en_text, "en")
            k = align.best_split((source[first], source[second]), target[bead.target[0]], c)
            texts[first] = " ".join(pieces[:k]) or None
            texts[second] = " ".join(pieces[k:]) or None
            for i in bead.source:
                scores[i] = bead.score
                # An English of one sentence went whole to one of them: the other reads as dropped.
                notes[i] = (pairing_notes.MERGED.format(first=first + 1, second=second + 1, block=bead.target[0] + 1)
                            if texts[i] else pairing_notes.DROPPED)
        elif shape == (1, 0):
            i = bead.source[0]
            notes[i] = pairing_notes.DROPPED
        else:  # (0, 1): keep the English, never drop a translator's words
            anchor = beads.index(bead)
            before = [b.source[-1] for b in beads[:anchor] if b.source]
            orphans.append((before[-1] if before else 0, en_text))
    for i, extra in orphans:
        texts[i] = f"{texts[i]} {extra}" if texts[i] else extra
        notes[i] = pairing_notes.EXTRA_BLOCK
    return [
        PlannedSegment(i + 1, b.kind, b.text, texts[i], scores.get(i), notes.get(i))
        for i, b in enumerate(ko)
    ]


def _with_sentences(block: Block, lang: str, make: Callable[[str], align.Unit]) -> align.Unit:
    """The block as a unit, with its sentences as units of their own where it has several."""
    from workflow.sentences import ends_in_quotation, inside_quotation, paragraph_pieces

    sentences = _sentences(block.text, lang)
    whole = make(block.text)
    texts = paragraph_pieces(sentences)
    pieces = ([replace(make(s), in_quotation=inside, after_colon=k > 0 and texts[k - 1].endswith(":"))
               for k, (s, inside) in enumerate(zip(texts, inside_quotation(texts)))]
              if len(texts) > 1 else [])
    return replace(whole, kind=block.kind.value, sentences=len(sentences), pieces=tuple(pieces),
                   flex=align.speech_breaks(block.text, len(sentences)), ends_in_quotation=ends_in_quotation(block.text))


def _close_call(bead: align.Bead) -> str:
    """The note naming the pairing that came close: other English blocks, none at all, or this
    English shared with a neighbouring paragraph (cut between them)."""
    alternative = bead.alternative or ()
    blocks = "+".join(str(j + 1) for j in alternative)
    if not alternative:
        return pairing_notes.CLOSE_NONE
    if bead.shared:
        return pairing_notes.CLOSE_SHARED.format(blocks=blocks)
    return pairing_notes.CLOSE.format(blocks=blocks)


def _sentences(text: str, lang: str) -> list[str]:
    from workflow.sentences import split_sentences

    return split_sentences(text, lang) if text.strip() else []


def _pieces(text: str, lang: str) -> list[str]:
    """Where a merged block may be cut between two paragraphs (workflow.sentences.paragraph_pieces)."""
    from workflow.sentences import paragraph_pieces

    return paragraph_pieces(_sentences(text, lang))


def _split_into_sentences(segments: list[PlannedSegment]) -> list[PlannedSegment]:
    """Sentence segments inside each paired block; headings and captions stay whole."""
    result: list[PlannedSegment] = []
    for seg in segments:
        ko = _sentences(seg.source, "ko") if seg.kind is SegmentKind.PARAGRAPH else [seg.source]
        if len(ko) <= 1:
            result.append(seg)
            continue
        en = _sentences(seg.target or "", "en")
        pairs = _pair_sentences(ko, en)
        for sentence, (target, score, note) in zip(ko, pairs):
            result.append(
                PlannedSegment(seg.block, seg.kind, sentence, target, score, note or seg.note)
            )
    return result


def _pair_sentences(ko: list[str], en: list[str]) -> list[tuple[str | None, float | None, str | None]]:
    if not en:
        return [(None, None, None)] * len(ko)
    source = [align.unit(s) for s in ko]
    target = [align.unit(s) for s in en]
    beads = align.parallel(source, target) if len(ko) == len(en) else align.align(source, target)
    out: list[tuple[str | None, float | None, str | None]] = [(None, None, None)] * len(ko)
    pending = ""
    for bead in beads:
        text = " ".join(en[j] for j in bead.target)
        if not bead.source:  # an English sentence with no Korean: keep it with the one before
            pending = f"{pending} {text}".strip()
            continue
        note = None if not bead.doubtful else pairing_notes.SENTENCES_UNSURE
        first = bead.source[0]
        out[first] = (text or None, bead.score, note)
        for i in bead.source[1:]:
            out[i] = (None, bead.score, pairing_notes.WITH_PREVIOUS)
        if pending:
            previous = next((k for k in range(first - 1, -1, -1) if out[k][0]), first)
            t, s, _ = out[previous]
            out[previous] = (f"{t or ''} {pending}".strip(), s, pairing_notes.EXTRA_SENTENCE)
            pending = ""
    if pending:
        last = max((k for k in range(len(out)) if out[k][0]), default=len(out) - 1)
        t, s, _ = out[last]
        out[last] = (f"{t or ''} {pending}".strip(), s, pairing_notes.EXTRA_SENTENCE)
    return out
