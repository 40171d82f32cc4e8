"""SQL for segments and their append-only revisions, and for finding the segments that changed."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.storage.store_base import Repository, Row


@dataclass(frozen=True)
class SegmentRecord:
    """A segment with its current English (target: None where it has none)."""

    id: int
    document_id: int
    index: int  # the segment's number in its document, from 1
    block: int
    kind: str
    source_text: str
    state: str
    align_score: float | None
    align_note: str | None
    locked: int
    max_length: int | None
    revision_id: int | None
    target: str | None
    conflict: bool  # an unresolved conflict between two people's saves


@dataclass(frozen=True)
class RevisionRecord:
    id: int
    segment_id: int
    index: int  # the segment's number in its document, from 1
    text: str
    author: str  # user name
    role: str
    created_at: str
    parent_id: int | None
    content_hash: str
    merge_parent_id: int | None
    aside: int

_SEGMENTS_WITH_CURRENT = """
SELECT s.id, s.document_id, s.position, s.block, s.kind, s.source_text, s.state,
       s.align_score, s.align_note, s.locked, s.max_length, r.id AS revision_id, r.text AS target,
       EXISTS (SELECT 1 FROM conflicts c WHERE c.segment_id = s.id
               AND c.id NOT IN (SELECT conflict_id FROM conflict_resolutions)) AS conflict
FROM segments s
LEFT JOIN revisions r
  ON r.id = (SELECT max(id) FROM revisions WHERE segment_id = s.id AND aside = 0)
"""

_REVISIONS = """
SELECT r.id, r.segment_id, s.position, r.text, u.name AS author, r.role, r.created_at,
       r.parent_id, r.content_hash, r.merge_parent_id, r.aside
FROM revisions r
JOIN segments s ON s.id = r.segment_id
JOIN users u ON u.id = r.author_id
WHERE s.document_id = ? {extra}
ORDER BY s.position, r.id
"""


class SegmentsRepository(Repository):
    """Segments, each with its current English."""

    def insert_segments(self, rows: list[Row]) -> list[int]:
        """Insert in order and return the new ids (positions are unique per document)."""
        self._engine.insert_all("segments", rows)
        document_id = rows[0]["document_id"]
        return [
            r["id"]
            for r in self._rows(
                "SELECT id FROM segments WHERE document_id = ? ORDER BY position", (document_id,)
            )
        ]

    def segments(self, document_id: int) -> list[SegmentRecord]:
        return self._segments(
            _SEGMENTS_WITH_CURRENT + " WHERE s.document_id = ? ORDER BY s.position", (document_id,)
        )

    def segment(self, document_id: int, position: int) -> SegmentRecord | None:
        rows = self._segments(
            _SEGMENTS_WITH_CURRENT + " WHERE s.document_id = ? AND s.position = ?", (document_id, position)
        )
        return rows[0] if rows else None

    def audit_head(self, document_id: int) -> int:
        row = self._engine.execute("SELECT coalesce(max(id), 0) FROM audit_log WHERE document_id = ?",
                               (document_id,)).fetchone()
        return row[0]

    def segments_audited_after(self, document_id: int, audit_id: int) -> list[SegmentRecord]:
        """Segments (with their current text) that audit entries newer than `audit_id` name."""
        return self._segments(
            # An entry about several segments (a move of English between them) lists their ids.
            _SEGMENTS_WITH_CURRENT + """ WHERE s.id IN (SELECT segment_id FROM audit_log
                                                       WHERE document_id = ? AND id > ?
                                                       UNION
                                                       SELECT j.value FROM audit_log a
                                                       JOIN {ids} j ON true
                                                       WHERE a.document_id = ? AND a.id > ?)
                                         ORDER BY s.position""".format(
                ids=self._engine.json_ints("a.detail", "segment_ids")),
            (document_id, audit_id, document_id, audit_id),
        )

    def set_segment_state(self, segment_id: int, state: str) -> None:
        self._engine.execute("UPDATE segments SET state = ? WHERE id = ?", (state, segment_id))

    def clear_align_notes(self, segment_ids: list[int]) -> None:
        """The import's doubtful-pairing notes go (a person decided the pairing); the scores stay."""
        if segment_ids:
            marks = ", ".join("?" * len(segment_ids))
            self._engine.execute(f"UPDATE segments SET align_note = NULL WHERE id IN ({marks})", tuple(segment_ids))

    def all_segments(self) -> list[SegmentRecord]:
        """Every segment of every document with its current English, for workspace-wide scans."""
        return self._segments(_SEGMENTS_WITH_CURRENT + " ORDER BY s.document_id, s.position")

    def _segments(self, sql: str, params: tuple = ()) -> list[SegmentRecord]:
        # `conflict` is an EXISTS: 0/1 on SQLite, a boolean on PostgreSQL; a bool either way.
        return [SegmentRecord(**dict(row, conflict=bool(row["conflict"]))) for row in self._rows(sql, params)]


class RevisionsRepository(Repository):
    """The append-only revisions of segments' English."""

    def insert_revision(self, row: Row) -> int:
        return self._insert("revisions", row)

    def insert_revisions(self, rows: list[Row]) -> None:
        self._engine.insert_all("revisions", rows)

    def revisions(self, document_id: int, position: int | None = None) -> list[RevisionRecord]:
        if position is None:
            return self._records(RevisionRecord, _REVISIONS.format(extra=""), (document_id,))
        return self._records(RevisionRecord, _REVISIONS.format(extra="AND s.position = ?"), (document_id, position))
