"""A segment's findings for its English as typed, document checks included, and a document's as
their union: the one answer the editor, the review screen and `tandem check` show.

Work is incremental, for an editor that asks after every typing pause: each (Korean, English) pair is
analysed once per glossary version (segment checks, glossary matching, the observations document
checks make), and a document check re-judges one segment against an index of where each key first
occurs, so the cost of a call hardly grows with the document.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from glossaries.index import TermUse
from workflow import states
from workflow.checks import Check, CheckContext, Finding, Observation, SegmentText, check_segment, checks, settle
from workflow.errors import NotFound
from workflow.i18n import _
from workflow.models import Dismissal
from workflow.models.findings import Counts, FindingView, open_counts, open_findings  # noqa: F401
from workflow.records import content_hash, segment_from_row
from workflow.storage.store_documents import DocumentsRepository
from workflow.storage.store_review import DismissalsRepository
from workflow.storage.store_segments import SegmentsRepository

Texts = Mapping[int, str] | Sequence[str]  # a document's English by segment index (a sequence from 1)
_PAIRS_KEPT = 8192  # analysed pairs kept beyond those the held documents use


def finding_key(finding: Finding) -> str:
    """Identifies a finding within one version of a segment's texts (spans included)."""
    term = finding.term
    parts = [finding.check, str(term.id) if term else "", term.variant if term else "",
             str(finding.source_span), str(finding.target_span)]
    return "|".join(parts)


def texts_hash(source: str, target: str) -> str:
    return content_hash(f"{source}\x00{target}")


@dataclass
class Work:
    """Analysis run so far (it only grows: take differences); a typing pause should cost one of each."""

    segment_checks: int = 0  # pairs put through the segment checks and the document checks' observers
    glossary_matches: int = 0  # pairs matched against the glossary


@dataclass(frozen=True)
class _Facts:
    """What one (Korean, English) pair gives, whichever segment holds it."""

    findings: tuple[Finding, ...]  # segment checks' findings, numbered 0
    observations: tuple[tuple[Observation, ...], ...]  # per document check, in registry order


@dataclass
class _Segment:
    id: int
    source: str
    stored: str  # the English saved
    text: str  # the English judged now: the saved one, or what the caller holds instead
    locked: bool = False  # never judged (workflow.states.LOCKED)
    max_length: int | None = None
    facts: _Facts | None = None
    dismissals: tuple[str, dict[str, Dismissal]] | None = None  # (texts hash, by finding key)


class _Occurrences:
    """Where one document check's keys occur: key -> {segment index: its observations, in order},
    and each key's first segment, kept so judging a segment never scans the document."""

    def __init__(self) -> None:
        self._where: dict[Hashable, dict[int, list[Observation]]] = {}
        self._first: dict[Hashable, int] = {}

    def add(self, index: int, observed: tuple[Observation, ...]) -> None:
        for seen in observed:
            self._where.setdefault(seen.key, {}).setdefault(index, []).append(seen)
            first = self._first.get(seen.key)
            if first is None or index < first:
                self._first[seen.key] = index

    def remove(self, index: int, observed: tuple[Observation, ...]) -> None:
        for key in {seen.key for seen in observed}:
            where = self._where[key]
            del where[index]
            if not where:
                del self._where[key]
            if self._first.get(key) == index:
                del self._first[key]  # found again when next asked

    def first(self, key: Hashable) -> tuple[int, Observation]:
        index = self._first.get(key)
        if index is None:
            index = self._first[key] = min(self._where[key])
        return index, self._where[key][index][0]


@dataclass
class _Held:
    """One document as the findings stand on it, and where each document check's keys occur."""

    head: int  # the document's audit head when its segments were last read
    segments: dict[int, _Segment]
    overridden: set[int] = field(default_factory=set)  # judged on a text other than the saved one
    resaved: set[int] = field(default_factory=set)  # saved texts that changed since the last call
    # The caller's texts last time, and those of them that differ from the saved ones: an editor
    # passes the same mapping pause after pause, and one C-level comparison tells it is unchanged.
    seen: dict[int, str] | None = None
    from_texts: dict[int, str] = field(default_factory=dict)
    occurrences: list[_Occurrences] = field(default_factory=list)  # per document check


class Findings:
    """Owned by one Workspace; safe to call from its threads one at a time (a lock sees to it)."""

    def __init__(self, documents: DocumentsRepository, segments: SegmentsRepository, dismissals: DismissalsRepository,
                 glossary) -> None:
        self._documents = documents
        self._segments = segments
        self._stored_dismissals = dismissals
        self._glossary = glossary
        self.work = Work()
        self._lock = threading.RLock()
        self._index = None
        self._decided = 0  # the stored decisions' generation the caches were made with
        self._context = CheckContext()
        self._pairs: OrderedDict[tuple[str, str, int | None], _Facts] = OrderedDict()
        self._held: dict[int, _Held] = {}
        self._checks: list[Check] = []

    # the answers ---------------------------------------------------------------------

    def segment(self, document_id: int, index: int, target: str | None = None, *,
                texts: Texts | None = None) -> list[FindingView]:
        """The segment's findings, dismissed ones included, for `target` (else the English in `texts`,
        else the saved English), the other segments read from `texts` where it has them."""
        with self._lock:
            wanted = _wanted(texts)
            if target is not None:
                wanted.pop(index, None)
            held = self._sync(document_id, wanted, {} if target is None else {index: target})
            if index not in held.segments:
                raise NotFound(_("document {id} has no segment {index}").format(id=document_id, index=index))
            views = self._views(held, index)
        self._glossary.morphology.flush()
        return views

    def document(self, document_id: int, *, texts: Texts | None = None) -> list[FindingView]:
        """Every segment's findings in order: exactly the union of segment() over the document."""
        with self._lock:
            held = self._sync(document_id, _wanted(texts))
            views = [view for index in sorted(held.segments) for view in self._views(held, index)]
        self._glossary.morphology.flush()
        return views

    def counts(self, document_id: int, *, texts: Texts | None = None) -> dict[int, Counts]:
        """Open (errors, warnings) of every segment, dismissed findings left out."""
        with self._lock:
            held = self._sync(document_id, _wanted(texts))
            counts = {index: open_counts(self._views(held, index)) for index in sorted(held.segments)}
        self._glossary.morphology.flush()
        return counts

    def term_uses(self, source: str, target: str) -> tuple[TermUse, ...]:
        """The glossary analysis of a pair, shared with the checks that just looked at it."""
        with self._lock:
            self._follow_glossary()
            matched = self._context.glossary_matches
            uses = self._context.term_uses(source, target)
            self.work.glossary_matches += self._context.glossary_matches - matched
            return uses

    def version(self) -> tuple[int, int]:
        """Moves when findings may have changed without any text changing: a term changed, or
        morphology decisions this process had to guess (word_decisions) have arrived."""
        return self._glossary.version(), self._glossary.morphology.generation()

    # keeping the held state true -----------------------------------------------------

    def _sync(self, document_id: int, wanted: dict[int, str], typed: dict[int, str] | None = None) -> _Held:
        """Judge each segment on the text wanted: `typed`, else `wanted`, else the saved one."""
        self._follow_glossary()
        held = self._read(document_id)
        if wanted != held.seen:
            held.from_texts = self._differing(held, wanted.items())
            held.seen = wanted
        elif held.resaved:
            for index in held.resaved:
                held.from_texts.pop(index, None)
            held.from_texts.update(self._differing(held, ((i, wanted[i]) for i in held.resaved if i in wanted)))
        texts = held.from_texts | self._differing(held, (typed or {}).items())
        for index in held.overridden | held.resaved | texts.keys():
            segment = held.segments[index]
            self._place(held, index, texts.get(index, segment.stored))
        held.overridden, held.resaved = set(texts), set()
        return held

    @staticmethod
    def _differing(held: _Held, texts) -> dict[int, str]:
        differing = {}
        for index, text in texts:
            segment = held.segments.get(index)
            if segment is None or text == segment.stored:
                continue
            text = unicodedata.normalize("NFC", text)  # as saving stores it
            if text != segment.stored:
                differing[index] = text
        return differing

    def _follow_glossary(self) -> None:
        index = self._glossary.index()  # shared per glossary version: a new object when terms change
        # Findings made while a morphology decision was missing (answered "no" meanwhile) are made
        # again once it is stored.
        decided = self._glossary.morphology.generation()
        if index is not self._index or decided != self._decided:
            self._index, self._decided, self._context = index, decided, CheckContext(index)
            self._checks = [c for c in checks() if c.scope == "document"]
            self._pairs.clear()
            self._held.clear()

    def _read(self, document_id: int) -> _Held:
        """The document with its saved texts up to date: all of it the first time, then only the
        segments the audit log names since (every change to a segment, a dismissal included, is
        audited). The head is read first, so a change committed meanwhile is read again next time."""
        held = self._held.get(document_id)
        head = self._segments.audit_head(document_id)
        if held is None:
            rows = self._segments.segments(document_id)
            if not rows and self._documents.document(document_id) is None:
                raise NotFound(_("no document {id} in this workspace (see `tandem docs`)").format(id=document_id))
            held = _Held(head, {}, occurrences=[_Occurrences() for _check in self._checks])
            for row in rows:
                s = segment_from_row(row)
                held.segments[s.index] = _Segment(s.id, s.source, s.target, s.target, s.locked, s.max_length)
                self._place(held, s.index, s.target, force=True)
            self._held[document_id] = held
        elif head != held.head:
            for row in self._segments.segments_audited_after(document_id, held.head):
                s = segment_from_row(row)
                segment = held.segments.get(s.index)
                if segment is None:
                    continue
                segment.stored, segment.dismissals = s.target, None
                held.resaved.add(s.index)
            held.head = head
        return held

    def _place(self, held: _Held, index: int, text: str, *, force: bool = False) -> None:
        segment = held.segments[index]
        if not force and text == segment.text and segment.facts is not None:
            return
        if segment.facts is not None:
            for occurrences, observed in zip(held.occurrences, segment.facts.observations):
                occurrences.remove(index, observed)
        facts = self._facts(segment, text)
        for occurrences, observed in zip(held.occurrences, facts.observations):
            occurrences.add(index, observed)
        segment.text, segment.facts = text, facts

    def _facts(self, segment: _Segment, target: str) -> _Facts:
        if not states.is_work(segment):
            # Nothing to find, nothing for the document checks to compare: the file keeps this text.
            return _Facts((), tuple(() for _check in self._checks))
        key = (segment.source, target, segment.max_length)
        facts = self._pairs.get(key)
        if facts is not None:
            self._pairs.move_to_end(key)
            return facts
        pair = SegmentText(0, segment.source, target, segment.max_length)
        matched = self._context.glossary_matches
        observations: list[tuple[Observation, ...]] = []
        for c in self._checks:
            # Document checks come only from register_agreement, which always sets observe and report.
            assert c.observe is not None
            observations.append(tuple(c.observe(pair, self._context)))
        facts = _Facts(tuple(check_segment(pair, self._context)), tuple(observations))
        self.work.segment_checks += 1
        self.work.glossary_matches += self._context.glossary_matches - matched
        self._pairs[key] = facts
        if len(self._pairs) > _PAIRS_KEPT:
            self._pairs.popitem(last=False)
        return facts

    # judging one segment -------------------------------------------------------------

    def _views(self, held: _Held, index: int) -> list[FindingView]:
        segment = held.segments[index]
        facts = segment.facts
        assert facts is not None
        found = [replace(f, segment=index) for f in facts.findings]
        for check, occurrences, observed in zip(self._checks, held.occurrences, facts.observations):
            assert check.report is not None  # set on every document check, as observe is (see _facts)
            for seen in observed:
                first_index, first = occurrences.first(seen.key)
                if first_index == index and first is seen:
                    continue
                if first.value != seen.value:
                    found.append(check.report(check, index, seen, first_index, first))
        dismissed = self._dismissals(segment)
        return [FindingView(f, dismissed.get(finding_key(f))) for f in settle(found)]

    def _dismissals(self, segment: _Segment) -> dict[str, Dismissal]:
        # Dismissals hold for the segment's texts as they were when dismissed (DESIGN section 4).
        hashed = texts_hash(segment.source, segment.text)
        if segment.dismissals is None or segment.dismissals[0] != hashed:
            rows = self._stored_dismissals.dismissals(segment.id, hashed)
            segment.dismissals = (hashed, {d.finding_key: Dismissal(d.user, d.reason, d.created_at)
                                           for d in rows})
        return segment.dismissals[1]


def _wanted(texts: Texts | None) -> dict[int, str]:
    if texts is None:
        return {}
    if isinstance(texts, Mapping):
        return dict(texts)
    return dict(enumerate(texts, start=1))
