"""The archive: every document's Korean and current English, searched, and what it did with a term.

Search finds a text inside Korean words (보위지도원 in 보위지도원들이: a substring, NFC) and in the
English without regard to case, newest document first, and returns each hit with the segment's
current English (its aligned translation) and the spans to mark: the searched text, and in the English
the glossary's rendering of the searched Korean (workflow.concordance). The trigram indexes of
migration 9 answer it; under three characters a scan inside SQLite does (benchmarks/archive_search.py).

Renderings answer "how did we translate this before the glossary said how?": for a term, every segment
of a document made before the term whose Korean holds it (the glossary's own Korean matching: particles,
spacing, North and South spelling), and in the English that segment had then, each rendering the
glossary knows for the term (preferred, admitted, forbidden, in any of its revisions), counted.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache

from glossaries.english import EnglishHit, EnglishText
from glossaries.folding import fold
from glossaries.model import Term
from workflow.concordance import occurrences, renderings
from workflow.due import read_day
from workflow.errors import InputError
from workflow.glossary import Glossary
from workflow.i18n import _, format_locale, format_number, ngettext
from workflow.models.memory import Span
from workflow.storage.store_archive import ArchiveRepository, ArchiveRow

ARCHIVE_LIMIT = 200
FIRST_BATCH = 64  # documents searched first; each later batch twice the one before
# A text found in more than this many times the limit of texts is searched newest documents first, in
# batches; a rarer one in one query (benchmarks/archive_search.py: batches cost a rare text more).
COMMON = 10


@dataclass(frozen=True)
class ArchiveHit:
    document_id: int
    title: str
    tags: tuple[str, ...]
    created_at: str  # the document's
    index: int  # the segment's number, from 1
    source: str
    target: str  # the segment's current English, "" when it has none
    source_spans: tuple[Span, ...]  # the searched text in the Korean
    target_spans: tuple[Span, ...]  # the searched text, or the glossary's rendering of it, in the English

    @property
    def where(self) -> tuple[int, int]:
        """(document id, segment number): what the editor opens."""
        return self.document_id, self.index


@dataclass(frozen=True)
class ArchiveFound:
    query: str  # as searched: NFC, spaces collapsed
    hits: list[ArchiveHit]
    more: bool  # the limit was reached: there are more hits than these

    @property
    def documents(self) -> int:
        return len({hit.document_id for hit in self.hits})


@dataclass(frozen=True)
class Rendering:
    english: str  # as the glossary writes it (inflected forms in the text count under it)
    times: int
    documents: int


@dataclass(frozen=True)
class TermRenderings:
    korean: str
    before: str  # when the term was made: only English from before it counts
    segments: int  # segments of earlier documents whose Korean holds the term
    documents: int
    renderings: tuple[Rendering, ...]  # most used first
    unrendered: int  # of those segments, how many had none of the known renderings (or no English)

    def describe(self) -> str:
        """One line: "보위지도원: security guidance officer 41 times, security official 3 times, in 17 documents"."""
        if not self.segments:
            return _("{korean}: not in any document from before the term").format(korean=self.korean)
        documents = ngettext("{count} document", "{count} documents", self.documents).format(
            count=format_number(self.documents))
        if not self.renderings:
            segments = ngettext("{count} segment", "{count} segments", self.segments).format(
                count=format_number(self.segments))
            return _("{korean}: {segments} in {documents} from before the term, none with a rendering the "
                     "glossary knows").format(korean=self.korean, segments=segments, documents=documents)
        used = ", ".join(ngettext("{english} {count} time", "{english} {count} times", r.times).format(
            english=r.english, count=format_number(r.times)) for r in self.renderings)
        line = _("{korean}: {renderings}, in {documents}").format(korean=self.korean, renderings=used,
                                                                 documents=documents)
        if self.unrendered:
            line += " " + ngettext("({count} segment with none of these)", "({count} segments with none of these)",
                                   self.unrendered).format(count=format_number(self.unrendered))
        return line


class Archive:
    def __init__(self, archive: ArchiveRepository, glossary: Glossary) -> None:
        self._archive = archive
        self._glossary = glossary  # its index marks renderings, its matcher finds a term's Korean

    def search(self, text: str, *, tag: str | None = None, since: str | None = None,
               limit: int = ARCHIVE_LIMIT) -> ArchiveFound:
        """Segments whose Korean or current English holds text; `tag` a document tag, `since` a date
        as the reader writes one (or ISO 8601): documents made or worked on from that day."""
        query = unicodedata.normalize("NFC", " ".join(text.split()))
        if not query:
            raise InputError("TEXT", _("give something to search for"))
        wanted_tag = unicodedata.normalize("NFC", tag.strip()) if tag and tag.strip() else None
        start = day_start(since) if since and since.strip() else None
        rows = self._newest_first(query, wanted_tag, start, limit + 1)
        index = self._glossary.index()
        hits = []
        for row in rows[:limit]:
            source, target = row.source_text, row.target or ""
            source_spans = occurrences(source, query)
            target_spans = set(occurrences(target, query)) | set(renderings(index, source, target, source_spans))
            hits.append(ArchiveHit(row.document_id, row.title, row.tags, row.created_at, row.index, source, target,
                                   source_spans, tuple(sorted(target_spans))))
        self._glossary.morphology.flush()
        return ArchiveFound(query, hits, len(rows) > limit)

    def _newest_first(self, query: str, tag: str | None, since: str | None, limit: int) -> list[ArchiveRow]:
        """A text the trigram indexes hold rarely, through them in one query; a common one (북한, "the")
        by reading the newest documents, then older ones, in batches that double, until the limit is
        filled: the indexes would hand over every posting of it, and the newest documents hold enough."""
        cap = limit * COMMON
        if len(query) >= 3 and self._archive.archive_postings(query, cap + 1) <= cap:
            return self._archive.archive_search(query, tag=tag, since=since, limit=limit)
        total = self._archive.archive_documents(tag=tag, since=since)
        rows: list[ArchiveRow] = []
        skip, batch = 0, FIRST_BATCH
        while skip < total and len(rows) < limit:
            rows += self._archive.archive_search(query, tag=tag, since=since, limit=limit - len(rows),
                                               skip=skip, documents=batch, scan=True)
            skip, batch = skip + batch, batch * 2
        return rows

    def renderings(self, term_id: int) -> TermRenderings:
        """How the English of documents from before the term rendered its Korean."""
        history = self._glossary.history(term_id)  # refuses an unknown term
        term, before = history[-1].term, history[0].created_at
        known = _known_renderings([revision.term for revision in history])
        index = self._glossary.impact_index(term)
        times: Counter[str] = Counter()
        where: dict[str, set[int]] = {}
        segments, unrendered, documents = 0, 0, set()
        for row in self._archive.archive_before(_needles(term), before):
            if not any(hit.term.id == term.id for hit in index.find_korean(row.source_text)):
                continue
            segments += 1
            documents.add(row.document_id)
            found = _rendered(EnglishText(row.target or ""), known, term.case_sensitive)
            if not found:
                unrendered += 1
            for hit in found:
                times[hit.phrase] += 1
                where.setdefault(hit.phrase, set()).add(row.document_id)
        self._glossary.morphology.flush()
        ranked = tuple(Rendering(english, count, len(where[english])) for english, count in times.most_common())
        return TermRenderings(term.ko, before, segments, len(documents), ranked, unrendered)


def day_start(text: str) -> str:
    """The first moment of a day, as stored times are written (UTC ISO 8601); the day typed in ISO
    (2026-03-07) or as the reader's locale writes a short date (3/7/26, 07/03/2026, 26. 3. 7.)."""
    day = _parse_day(text.strip())
    local = datetime.combine(day, time()).astimezone()  # midnight where the reader is
    return local.astimezone(UTC).isoformat(timespec="milliseconds")


def _parse_day(text: str) -> date:
    from babel.dates import format_date

    day = read_day(text)
    if day is None:
        example = format_date(date.today(), format="short", locale=format_locale())
        raise InputError("--since", _("{text!r} is not a date: write it as {example} or {iso}").format(
            text=text, example=example, iso=date.today().isoformat()))
    return day


def _known_renderings(revisions: list[Term]) -> list[str]:
    """Every English the term has named, preferred, admitted or forbidden, in any revision; longest
    first, so "security guidance officer" is counted before "officer" could claim its words."""
    seen: dict[str, None] = {}
    for term in reversed(revisions):
        for form in (*term.english_forms, *term.en_forbidden):
            seen.setdefault(form, None)
    return sorted(seen, key=len, reverse=True)


def _rendered(english: EnglishText, phrases: list[str], case_sensitive: bool) -> list[EnglishHit]:
    """The renderings in the English, a shorter one inside a longer one's words not counted again."""
    taken: list[EnglishHit] = []
    for phrase in phrases:
        for hit in english.find(phrase, case_sensitive=case_sensitive):
            if not any(hit.start < other.end and other.start < hit.end for other in taken):
                taken.append(hit)
    return taken


def _needles(term: Term) -> list[str]:
    """For each Korean form, text every segment holding it must hold as written: the longest stretch
    of the form whose syllables no other spelling folds onto (로동당 may be written 노동당: 동당), within
    one space-separated piece (the matcher lets text leave out a form's spaces, never add them). An
    empty needle, which holds everywhere, where the form has no such stretch."""
    needles: dict[str, None] = {}
    for form in term.korean_forms:
        runs = [run for piece in fold(form).split() for run in _safe_runs(piece)]
        needles.setdefault(max(runs, key=len, default=""), None)
    return list(needles)


def _safe_runs(text: str) -> list[str]:
    runs, run = [], ""
    for ch in text:
        if ch in _fold_targets():
            runs.append(run)
            run = ""
        else:
            run += ch
    return [*runs, run]


@cache
def _fold_targets() -> frozenset[str]:
    """Syllables another spelling folds onto (노 for 로): text may hold either."""
    return frozenset(fold(chr(code)) for code in range(0xAC00, 0xD7A4) if fold(chr(code)) != chr(code))
