"""SQL for documents and the per-document figures the document list shows."""

from __future__ import annotations

import json

from workflow.models import Document
from workflow.storage.store_base import Repository, Row



class DocumentsRepository(Repository):
    """Documents, their counts and who worked on them."""

    def insert_document(self, fields: Row) -> int:
        fields = dict(fields, tags=json.dumps(list(fields["tags"]), ensure_ascii=False))
        return self._insert("documents", fields)

    def documents(self) -> list[Document]:
        return [self._document_row(r) for r in self._rows(_DOCUMENTS + " ORDER BY d.id")]

    def document(self, document_id: int) -> Document | None:
        rows = self._rows(_DOCUMENTS + " WHERE d.id = ?", (document_id,))
        return self._document_row(rows[0]) if rows else None

    def document_by_checksums(self, source: str, english: str | None) -> Document | None:
        # `IS ?` is SQLite's alone; PostgreSQL takes IS only with NULL, TRUE or FALSE.
        if english is None:
            rows = self._rows(_DOCUMENTS + " WHERE d.source_checksum = ? AND d.english_checksum IS NULL ORDER BY d.id",
                              (source,))
        else:
            rows = self._rows(_DOCUMENTS + " WHERE d.source_checksum = ? AND d.english_checksum = ? ORDER BY d.id",
                              (source, english))
        return self._document_row(rows[0]) if rows else None

    @staticmethod
    def _document_row(row: Row) -> Document:
        return Document(**dict(row, tags=tuple(json.loads(row["tags"]))))

    def touch_document(self, document_id: int, at: str) -> None:
        self._engine.execute("UPDATE documents SET updated_at = ? WHERE id = ?", (at, document_id))

    def state_counts(self, *, locked: str | None = None) -> dict[int, dict[str, int]]:
        """Segments per document and state; given `locked`, locked segments count under that key."""
        counts: dict[int, dict[str, int]] = {}
        for row in self._rows("SELECT document_id, locked, state, count(*) AS n FROM segments "
                              "GROUP BY document_id, locked, state"):
            state = locked if row["locked"] and locked is not None else row["state"]
            by_state = counts.setdefault(row["document_id"], {})
            by_state[state] = by_state.get(state, 0) + row["n"]
        return counts

    def source_word_counts(self) -> dict[int, int]:
        """Korean words (space-separated eojeol) per document, counted inside SQLite."""
        rows = self._rows(
            """SELECT document_id,
                      sum(length(trim(source_text)) - length(replace(trim(source_text), ' ', '')) + 1) AS n
               FROM segments GROUP BY document_id"""
        )
        return {row["document_id"]: row["n"] for row in rows}

    def document_roles(self) -> dict[int, dict[str, list[str]]]:
        """Who has put text into each document, in which role (from the revisions)."""
        found: dict[int, dict[str, list[str]]] = {}
        for row in self._rows(
            """SELECT DISTINCT s.document_id, r.role, u.name
               FROM revisions r JOIN segments s ON s.id = r.segment_id
               JOIN users u ON u.id = r.author_id ORDER BY u.name"""
        ):
            found.setdefault(row["document_id"], {}).setdefault(row["role"], []).append(row["name"])
        return found


_DOCUMENTS = """
SELECT d.id, d.title, d.tags, d.source_name, d.source_checksum, d.source_encoding,
       d.english_name, d.segmentation, d.created_at, d.updated_at,
       u.name AS created_by
FROM documents d JOIN users u ON u.id = d.created_by
"""
