"""SQL for returned files: what a document's English was when it was exported (workflow/returns.py)."""

from __future__ import annotations

from workflow.storage.store_base import Repository


class ReturnsRepository(Repository):
    """Revisions as of an export, found from the revision id the exported file carries."""

    def newest_revision_id(self, document_id: int) -> int:
        """The highest revision id of the document (0 when it has none): an export's mark."""
        rows = self._rows("""SELECT coalesce(max(r.id), 0) AS id FROM revisions r
                             JOIN segments s ON s.id = r.segment_id WHERE s.document_id = ?""", (document_id,))
        return int(rows[0]["id"])

    def revisions_as_of(self, document_id: int, revision_id: int) -> dict[int, tuple[int, str]]:
        """Each segment's current revision when the document's newest was `revision_id`: by segment id,
        (revision id, text). Revisions are append-only and an aside is never current, so this is
        exactly what the segment showed then; a segment without an entry had no English yet."""
        rows = self._rows(
            """SELECT r.segment_id, r.id, r.text FROM revisions r
               WHERE r.id IN (SELECT max(r2.id) FROM revisions r2 JOIN segments s ON s.id = r2.segment_id
                              WHERE s.document_id = ? AND r2.aside = 0 AND r2.id <= ? GROUP BY r2.segment_id)""",
            (document_id, revision_id))
        return {r["segment_id"]: (r["id"], r["text"]) for r in rows}
