"""SQL for learning glossary proposals from the editors' corrections (workflow.term_learning)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from workflow.storage.store_base import Repository


@dataclass(frozen=True)
class CorrectedRevision:
    """A kept revision of a segment an editor revised, with the segment's Korean."""

    id: int
    segment_id: int
    text: str
    role: str
    author: str
    document_id: int
    index: int  # the segment's number in its document, from 1
    source_text: str


@dataclass(frozen=True)
class RevisionText:
    id: int
    text: str
    author: str
    created_at: str
    document_id: int
    index: int  # the segment's number in its document, from 1
    source_text: str

LEARNED = "term.learn"  # the audit action that records a learned proposal's evidence


class LearningRepository(Repository):
    """The revisions of corrected segments, and the evidence recorded with learned proposals."""

    def corrected_segment_revisions(self) -> list[CorrectedRevision]:
        """Every kept revision of every segment an editor has revised, oldest first per segment, with
        the segment's Korean: the translator's text and the editor's correction of it are among them."""
        return self._records(CorrectedRevision,
            """SELECT r.id, r.segment_id, r.text, r.role, u.name AS author, s.document_id, s.position,
                      s.source_text
               FROM revisions r
               JOIN segments s ON s.id = r.segment_id
               JOIN users u ON u.id = r.author_id
               WHERE r.aside = 0
                 AND r.segment_id IN (SELECT segment_id FROM revisions WHERE role = 'editor' AND aside = 0)
               ORDER BY r.segment_id, r.id""")

    def learned_evidence(self, term_id: int) -> dict | None:
        """The evidence recorded when the term was proposed from corrections; None for other terms.
        Read newest first, so the scan stops at the proposal's own entry."""
        row = self._engine.execute(
            # json_extract is text on PostgreSQL (postgres_schema.py), a number on SQLite: both equal the id as text.
            "SELECT detail FROM audit_log WHERE action = ? AND json_extract(detail, '$.term') = CAST(? AS TEXT) "
            "ORDER BY id DESC LIMIT 1", (LEARNED, term_id)).fetchone()
        return json.loads(row[0]) if row else None

    def revision_texts(self, revision_ids: list[int]) -> dict[int, RevisionText]:
        """Revisions by id, with where they belong (document, segment position) and the Korean."""
        if not revision_ids:
            return {}
        marks = ", ".join("?" * len(revision_ids))
        rows = self._records(RevisionText,
            f"""SELECT r.id, r.text, u.name AS author, r.created_at, s.document_id, s.position, s.source_text
                FROM revisions r JOIN segments s ON s.id = r.segment_id JOIN users u ON u.id = r.author_id
                WHERE r.id IN ({marks})""", tuple(revision_ids))
        return {row.id: row for row in rows}
