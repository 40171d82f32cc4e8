"""SQL for the house glossary: terms and their revisions."""

from __future__ import annotations

import json

from workflow.storage.store_base import Row, StoreBase


class GlossarySQL(StoreBase):
    """Glossary terms, each change a revision."""

    def insert_term(self, created_by: int, at: str) -> int:
        return self._insert("terms", {"created_by": created_by, "created_at": at})

    def insert_term_revision(self, fields: Row) -> int:
        return self._insert("term_revisions", _term_columns(fields))

    def insert_terms(self, entries: list[tuple[Row, Row]]) -> None:
        """Many new terms at once (imports): each (term row, first revision row)."""
        for term, revision in entries:
            term_id = self.insert_term(term["created_by"], term["created_at"])
            self.insert_term_revision(dict(revision, term_id=term_id))

    def current_terms(self) -> list[Row]:
        return [_term_row(r) for r in self._rows(_CURRENT_TERMS + " ORDER BY tr.ko, tr.term_id")]

    def current_term(self, term_id: int) -> Row | None:
        rows = self._rows(_CURRENT_TERMS + " AND tr.term_id = ?", (term_id,))
        return _term_row(rows[0]) if rows else None

    def term_revisions(self, term_id: int) -> list[Row]:
        return [_term_row(r) for r in self._rows(_TERM_REVISIONS + " WHERE tr.term_id = ? ORDER BY tr.id",
                                                 (term_id,))]

    def glossary_version(self) -> int:
        """Changes whenever any term changes: the newest term revision id (0 for none)."""
        return self._db.execute("SELECT coalesce(max(id), 0) FROM term_revisions").fetchone()[0]


_TERM_LISTS = ("ko_variants", "en_variants", "en_forbidden")
_TERM_FLAGS = ("case_sensitive", "one_rendering")

_TERM_REVISIONS = """
SELECT tr.id AS revision_id, tr.term_id, tr.ko, tr.en, tr.ko_variants, tr.en_variants,
       tr.en_forbidden, tr.pos, tr.domain, tr.note, tr.status, tr.case_sensitive,
       tr.one_rendering,
       u.name AS author, tr.role, tr.created_at, tr.reason, tr.parent_id
FROM term_revisions tr JOIN users u ON u.id = tr.author_id
"""
_CURRENT_TERMS = _TERM_REVISIONS + """
WHERE tr.id IN (SELECT max(id) FROM term_revisions GROUP BY term_id)"""


def _term_columns(fields: Row) -> Row:
    row = dict(fields)
    for name in _TERM_LISTS:
        row[name] = json.dumps(list(row.get(name, ())), ensure_ascii=False)
    for name in _TERM_FLAGS:
        row[name] = int(bool(row.get(name)))
    return row


def _term_row(row: Row) -> Row:
    for name in _TERM_LISTS:
        row[name] = tuple(json.loads(row[name]))
    for name in _TERM_FLAGS:
        row[name] = bool(row[name])
    return row
