"""SQL for concurrent saves: the revisions they compare, conflicts and resolutions."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.storage.store_base import Repository, Row
from workflow.storage.store_segments import RevisionRecord


@dataclass(frozen=True)
class ConflictRecord:
    id: int
    base_id: int | None  # the revision both saves started from
    theirs_id: int
    mine_id: int
    opened_by: str  # user name
    opened_at: str


class ConflictsRepository(Repository):
    """Conflicts opened by concurrent saves, and their resolutions."""

    def revision_by_id(self, revision_id: int) -> RevisionRecord | None:
        rows = self._records(RevisionRecord,
            """SELECT r.id, r.segment_id, s.position, r.text, u.name AS author, r.role, r.created_at,
                      r.parent_id, r.content_hash, r.merge_parent_id, r.aside
               FROM revisions r JOIN segments s ON s.id = r.segment_id JOIN users u ON u.id = r.author_id
               WHERE r.id = ?""",
            (revision_id,),
        )
        return rows[0] if rows else None

    def insert_conflict(self, row: Row) -> int:
        return self._insert("conflicts", row)

    def open_conflicts(self, segment_id: int) -> list[ConflictRecord]:
        """The segment's unresolved conflicts, oldest first."""
        return self._records(ConflictRecord,
            """SELECT c.id, c.base_id, c.theirs_id, c.mine_id, u.name AS opened_by, c.opened_at
               FROM conflicts c JOIN users u ON u.id = c.opened_by
               WHERE c.segment_id = ? AND c.id NOT IN (SELECT conflict_id FROM conflict_resolutions)
               ORDER BY c.id""",
            (segment_id,),
        )

    def insert_resolution(self, row: Row) -> int:
        return self._insert("conflict_resolutions", row)

    def conflict_counts(self) -> dict[int, int]:
        """Segments with an unresolved conflict, per document."""
        rows = self._rows(
            """SELECT s.document_id, count(DISTINCT c.segment_id) AS n
               FROM conflicts c JOIN segments s ON s.id = c.segment_id
               WHERE c.id NOT IN (SELECT conflict_id FROM conflict_resolutions)
               GROUP BY s.document_id"""
        )
        return {row["document_id"]: row["n"] for row in rows}
