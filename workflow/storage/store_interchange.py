"""SQL for what imported interchange files (XLIFF) carry beyond the text: ids, codes, authors."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass

from workflow.storage.store_base import Repository, Row


@dataclass(frozen=True)
class FileRecord:
    """What an imported bilingual file said of itself."""

    document_id: int
    format: str  # xliff12 or xliff2
    version: str
    source_lang: str
    target_lang: str | None
    original: str


@dataclass(frozen=True)
class UnitRecord:
    """What a unit of an imported file carried beyond its text."""

    segment_id: int
    unit_id: str
    codes: tuple[tuple, ...]  # the inline codes, as InlineCode's fields
    file_state: str | None


class InterchangeRepository(Repository):
    """Records kept from interchange files."""

    def insert_interchange(self, row: Row, segments: list[Row], authors: list[Row]) -> None:
        self._engine.insert("document_interchange", row)
        self._engine.insert_all("segment_interchange", segments)
        if authors:
            self._engine.insert_all("file_authors", authors)

    def insert_interchange_file(self, document_id: int, data: bytes) -> None:
        """The imported file's bytes, which export to its own version patches."""
        self._engine.insert("interchange_files", {"document_id": document_id, "data": zlib.compress(data, 6)})

    def interchange_file(self, document_id: int) -> bytes | None:
        found = self._rows("SELECT data FROM interchange_files WHERE document_id = ?", (document_id,))
        return zlib.decompress(found[0]["data"]) if found else None

    def interchange(self, document_id: int) -> tuple[FileRecord | None, dict[int, UnitRecord]]:
        """The document's file record, and its segments' records by segment id."""
        found = self._records(FileRecord, """SELECT document_id, format, version, source_lang, target_lang, original
                                             FROM document_interchange WHERE document_id = ?""", (document_id,))
        segments = self._rows(
            """SELECT x.segment_id, x.unit_id, x.codes, x.file_state FROM segment_interchange x
               JOIN segments s ON s.id = x.segment_id WHERE s.document_id = ?""", (document_id,))
        by_segment = {r["segment_id"]: UnitRecord(**dict(r, codes=tuple(tuple(c) for c in json.loads(r["codes"]))))
                      for r in segments}
        return (found[0] if found else None), by_segment

    def file_authors(self, document_id: int) -> tuple[dict[int, str], dict[int, str]]:
        """Names from imported files of authors who are not users: by revision id, by comment id."""
        rows = self._rows(
            """SELECT f.revision_id, f.comment_id, f.name FROM file_authors f
               LEFT JOIN revisions r ON r.id = f.revision_id
               LEFT JOIN comments c ON c.id = f.comment_id
               JOIN segments s ON s.id = coalesce(r.segment_id, c.segment_id)
               WHERE s.document_id = ?""", (document_id,))
        revisions = {r["revision_id"]: r["name"] for r in rows if r["revision_id"] is not None}
        comments = {r["comment_id"]: r["name"] for r in rows if r["comment_id"] is not None}
        return revisions, comments

    def revision_ids(self, segment_ids: list[int]) -> dict[int, int]:
        """The newest revision id of each segment that has one."""
        if not segment_ids:
            return {}
        marks = ",".join("?" * len(segment_ids))
        return {r["segment_id"]: r["id"] for r in self._rows(
            f"SELECT segment_id, max(id) AS id FROM revisions WHERE aside = 0 AND segment_id IN ({marks}) "
            "GROUP BY segment_id", segment_ids)}
