"""SQL for the archive: every document's Korean and current English, searched with filters, and the
English segments held before a given moment (how the archive rendered a term before it existed)."""

from __future__ import annotations

import json
from typing import Any

from dataclasses import dataclass

from workflow.storage.engine import Engine
from workflow.storage.store_base import Repository

@dataclass(frozen=True)
class ArchiveRow:
    """A segment of the archive with its document's title, tags and dates, and its current English."""

    document_id: int
    title: str
    tags: tuple[str, ...]
    created_at: str
    updated_at: str
    index: int  # the segment's number in its document, from 1
    source_text: str
    target: str | None


@dataclass(frozen=True)
class EarlierSegment:
    """A segment of a document made before a moment, with the English it had then."""

    document_id: int
    index: int  # the segment's number in its document, from 1
    source_text: str
    target: str | None


_HIT = """
SELECT s.document_id, d.title, d.tags, d.created_at, d.updated_at, s.position, s.source_text,
       r.text AS target
FROM segments s
JOIN documents d ON d.id = s.document_id
LEFT JOIN revisions r
  ON r.id = (SELECT max(id) FROM revisions WHERE segment_id = s.id AND aside = 0)
"""

_NO_LIMIT = 2**63 - 1

# Newest document first; a document's hits in reading order.
_ORDER = " ORDER BY d.created_at DESC, d.id DESC, s.position LIMIT ?"


class ArchiveRepository(Repository):
    """Workspace-wide search with a document's tag and date as filters."""

    def archive_documents(self, *, tag: str | None, since: str | None) -> int:
        """How many documents the filters leave."""
        where, params = _filters(self._engine, tag, since)
        return self._engine.execute("SELECT count(*) FROM documents d" + (" WHERE " + " AND ".join(where) if where else ""),
                                tuple(params)).fetchone()[0]

    def archive_postings(self, text: str, cap: int) -> int:
        """How many Korean texts and English revisions the trigram indexes hold text in (any
        revision, current or not), counted up to `cap`: what a search through them would read."""
        engine = self._engine
        return engine.execute(
            f"SELECT (SELECT count(*) FROM ({engine.substring_ids('segments')} LIMIT ?) a)"
            f" + (SELECT count(*) FROM ({engine.substring_ids('revisions')} LIMIT ?) b)",
            (*engine.substring_params("segments", text), cap, *engine.substring_params("revisions", text), cap),
        ).fetchone()[0]

    def archive_search(self, text: str, *, tag: str | None, since: str | None, limit: int,
                       skip: int = 0, documents: int = -1, scan: bool = False) -> list[ArchiveRow]:
        """Segments whose Korean or current English holds text (English without regard to case), in
        the documents the filters leave, newest first, from the `skip`th to `documents` of them;
        `scan`: read those documents' text instead of asking the trigram indexes."""
        where, params = _filters(self._engine, tag, since)
        recent = ("WITH recent AS (SELECT d.id FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
                  + " ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?)")
        if len(text) >= 3 and not scan:
            # The trigram indexes of migration 9 answer a quoted string as a substring, inside Korean
            # words too, case-folded; an English hit counts only on the segment's current revision.
            found = f"""s.id IN (
                {self._engine.substring_ids('segments')}
                UNION
                SELECT v.segment_id FROM revisions v
                WHERE v.id IN ({self._engine.substring_ids('revisions')})
                  AND v.aside = 0
                  AND v.id = (SELECT max(id) FROM revisions WHERE segment_id = v.segment_id AND aside = 0))"""
            wanted: tuple = (*self._engine.substring_params("segments", text),
                             *self._engine.substring_params("revisions", text))
        else:
            # Under three characters (북한, UN) no trigram answers: a scan inside SQLite. (Its lower()
            # folds ASCII only, the trigram index Unicode: CAFÉ finds café only through the index.)
            found = "(instr(s.source_text, ?) > 0 OR instr(lower(r.text), lower(?)) > 0)"
            wanted = (text, text)
        # No bound is a bound no workspace reaches: SQLite's LIMIT -1 is refused by PostgreSQL, whose
        # LIMIT ALL SQLite lacks.
        bound = documents if documents >= 0 else _NO_LIMIT
        rows = self._rows(recent + _HIT + " WHERE s.document_id IN (SELECT id FROM recent) AND " + found + _ORDER,
                          (*params, bound, skip, *wanted, limit))
        return [ArchiveRow(**dict(row, tags=tuple(json.loads(row["tags"])))) for row in rows]

    def archive_before(self, needles: list[str], before: str) -> list[EarlierSegment]:
        """Segments of documents made before `before` whose Korean holds any of `needles`, with the
        English each had then (the newest revision before that moment, none when it had none)."""
        if not needles:
            return []
        holds = " OR ".join("instr(s.source_text, ?) > 0" for _ in needles)
        return self._records(EarlierSegment,
            f"""SELECT s.document_id, s.position, s.source_text,
                       (SELECT text FROM revisions WHERE segment_id = s.id AND aside = 0 AND created_at < ?
                        ORDER BY id DESC LIMIT 1) AS target
                FROM segments s JOIN documents d ON d.id = s.document_id
                WHERE d.created_at < ? AND ({holds})
                ORDER BY s.document_id, s.position""",
            (before, before, *needles))


def _filters(engine: Engine, tag: str | None, since: str | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if tag is not None:
        where.append(f"EXISTS (SELECT 1 FROM {engine.json_texts('d.tags')} t WHERE lower(t.value) = lower(?))")
        params.append(tag)
    if since is not None:
        # updated_at is never before created_at: a document made or worked on since then.
        where.append("d.updated_at >= ?")
        params.append(since)
    return where, params
