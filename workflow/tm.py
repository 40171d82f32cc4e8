"""Translation memory: approved pairs, fuzzy lookup for the segment in hand, concordance, TMX.

Lookup never scans the memory: a few hundred candidates are gathered, and only those are scored.
Where the engine ranks by trigram similarity itself (PostgreSQL's pg_trgm), it names them; else
(SQLite's FTS5) the query's rarest trigrams do, by their postings. A bm25-ranked OR query over all
trigrams was measured slower than a full scan, so FTS5 is used only as a filter.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

from workflow.access import Actors
from workflow.clock import now
from workflow.concordance import CONCORDANCE_LIMIT, ConcordanceHit, concordance
from workflow.diffs import word_diff
from workflow.errors import InputError
from workflow.i18n import _
from workflow.interchange.xmlsafe import read_xml
from workflow.models.memory import TmMatch, TmUnit
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_concordance import ConcordanceRepository
from workflow.storage.store_tm import TmUnitRecord, TranslationMemoryRepository
from workflow.glossary import Glossary
from workflow.interchange.model import FileImport
from workflow.tmx import iso_date, language, read_tmx, write_tmx

# Trigrams are looked up rarest first until their postings add up to this many rows: enough to
# survive a few edits in the sentence, few enough that scoring stays in milliseconds.
POSTINGS_BUDGET = 2000
MAX_TRIGRAMS = 24
CANDIDATES = 120
# Rarity is estimated from a sample of the memory, not asked of FTS5: fts5vocab (like a MATCH)
# reads a trigram's whole posting list, so counting a common trigram costs milliseconds, and
# the counts only steer which trigrams filter. Re-sampled when the memory has grown by half.
SAMPLE = 20_000
SEARCH_LIMIT = 200


def score(query: str, candidate: str) -> float:
    # fuzz.ratio (normalized Indel over characters) rather than a token scorer: Korean particles
    # ride on words (보위지도원들이 / 보위지도원이), so whole-token scorers call near-identical
    # words different, and token_set_ratio scores a sentence contained in another as 100,
    # which would pass a partial match off as exact.
    return fuzz.ratio(query, candidate)


def trigrams(text: str) -> list[str]:
    # The same units the FTS5 trigram tokenizer indexes (it folds case, so do we).
    folded = text.lower()
    return list(dict.fromkeys(folded[i:i + 3] for i in range(len(folded) - 2)))


def _unit(row: TmUnitRecord) -> TmUnit:
    return TmUnit(row.id, row.source_text, row.target_text, row.document_id,
                  row.author, row.approver, row.created_at, row.origin)


class TranslationMemory:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, tm: TranslationMemoryRepository,
                 concordance: ConcordanceRepository, glossary: Glossary) -> None:
        self._actors = actors
        self._tx = tx
        self._audit = audit
        self._tm = tm
        self._concordance = concordance
        self._glossary = glossary  # marks its renderings in concordance hits
        self._counts: dict[str, int] = {}
        self._sampled_at: int | None = None

    def concordance(self, text: str, *, limit: int = CONCORDANCE_LIMIT) -> list[ConcordanceHit]:
        """Every document's segments and the TM containing text, with the glossary's renderings marked."""
        hits = concordance(self._concordance, self._tm, self._glossary.index(), text, limit=limit)
        self._glossary.morphology.flush()
        return hits

    def count(self) -> int:
        return self._tm.tm_count()

    def units(self) -> list[TmUnit]:
        return [_unit(r) for r in self._tm.tm_units()]

    def add_approved(self, *, source: str, target: str, document_id: int, segment_id: int,
                     author: str, approver: str, at: str) -> bool:
        """Called inside the approval's own transaction, so the pair and the approval commit together."""
        return self._tm.put_tm_unit({
            "source_text": source.strip(), "target_text": target.strip(), "document_id": document_id,
            "segment_id": segment_id, "author": author, "approver": approver, "created_at": at,
            "origin": "approval"}, refresh=True)

    def candidate_ids(self, source: str) -> list[int]:
        """The units most like the query by trigrams: a few hundred rows at most."""
        similar = self._tm.tm_similar_ids(source, CANDIDATES)
        if similar is not None:
            return similar
        return self._rarest_trigram_candidates(source)

    def _rarest_trigram_candidates(self, source: str) -> list[int]:
        """Units sharing the most of the query's rarest trigrams."""
        estimates = self._estimates()
        rare = sorted(trigrams(source), key=lambda gram: estimates.get(gram, 0))
        hits: Counter[int] = Counter()
        total = 0
        for gram in rare[:MAX_TRIGRAMS]:
            if total >= POSTINGS_BUDGET:
                break
            ids = self._tm.tm_ids_with_trigram(gram)
            total += len(ids)
            hits.update(ids)
        return [unit_id for unit_id, _ in hits.most_common(CANDIDATES)]

    def _estimates(self) -> dict[str, int]:
        size = self._tm.tm_last_id()
        if self._sampled_at is None or size > self._sampled_at * 1.5 + 100:
            counts: Counter[str] = Counter()
            texts = self._tm.tm_sample(SAMPLE)
            for text in texts:
                counts.update(trigrams(text))
            scale = size / max(len(texts), 1)
            self._counts = {gram: round(n * scale) for gram, n in counts.items()}
            self._sampled_at = size
        return self._counts

    def lookup(self, source: str, *, limit: int = 5, minimum: float = 50) -> list[TmMatch]:
        """The best fuzzy matches for a segment's Korean, best first, each with a word diff."""
        source = source.strip()
        if not source:
            return []
        scored = [(score(source, row.source_text), row)
                  for row in self._tm.tm_units_by_id(self.candidate_ids(source))]
        scored = [s for s in scored if s[0] >= minimum]
        scored.sort(key=lambda s: (-s[0], -s[1].id))
        return [TmMatch(_unit(row), round(value, 1), word_diff(row.source_text, source))
                for value, row in scored[:limit]]

    def search(self, text: str, *, limit: int = SEARCH_LIMIT) -> list[TmUnit]:
        """Concordance: units whose Korean or English contains text, even inside a Korean word."""
        text = text.strip()
        if not text:
            raise InputError("TEXT", _("give something to search for"))
        return [_unit(r) for r in self._tm.tm_search(text, limit)]

    def import_tmx(self, path: Path | str, *, by: str) -> FileImport:
        """Add the file's Korean/English pairs in one transaction; a bad file adds nothing."""
        path = Path(path)
        tmx = read_tmx(read_xml(path, "TMX"), str(path))
        counts = {"added": 0, "unchanged": 0, "skipped": 0, "other_languages": 0}
        # The memory's Korean is matched against the glossary too (concordance marks): decided first.
        self._glossary.morphology.decide_texts(
            text.strip() for unit in tmx.units for code, text in unit.texts.items() if language(code) == "ko")
        with self._tx.write():
            actor = self._actors.acting(by)
            at = now()
            rows = []
            for unit in tmx.units:
                by_lang: dict[str, str] = {}
                for code, text in unit.texts.items():
                    lang = language(code)
                    if lang in ("ko", "en"):
                        by_lang.setdefault(lang, text.strip())
                    else:
                        counts["other_languages"] += 1
                if not by_lang.get("ko") or not by_lang.get("en"):
                    counts["skipped"] += 1
                    continue
                rows.append({
                    "source_text": by_lang["ko"], "target_text": by_lang["en"],
                    "author": unit.attrs.get("creationid", ""),
                    "approver": unit.attrs.get("changeid", ""),
                    "created_at": iso_date(unit.attrs.get("creationdate")) or at,
                    "origin": f"import:{path.name}"})
            # One statement for the file: a pair already in the memory keeps its provenance.
            counts["added"] = self._tm.add_tm_units(rows)
            counts["unchanged"] = len(rows) - counts["added"]
            self._audit.audit(at, actor.id, "tm.import", {"file": path.name, **counts})
        return FileImport(counts, tuple(tmx.warnings))

    def export_tmx(self) -> bytes:
        return write_tmx(self._tm.tm_units())
