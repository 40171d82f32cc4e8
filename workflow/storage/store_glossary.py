"""SQL for the house glossary: terms and their revisions."""

from __future__ import annotations

import json
from dataclasses import dataclass

from workflow.storage.store_base import Repository, Row


@dataclass(frozen=True)
class TermRevisionRecord:
    """One revision of a glossary entry: the entry's fields as they were, and who changed it."""

    revision_id: int
    term_id: int
    ko: str
    en: str
    ko_variants: tuple[str, ...]
    en_variants: tuple[str, ...]
    en_forbidden: tuple[str, ...]
    pos: str
    domain: str
    note: str
    status: str
    case_sensitive: bool
    one_rendering: bool
    author: str  # user name
    role: str
    created_at: str
    reason: str
    parent_id: int | None


class TermsRepository(Repository):
    """Glossary terms, each change a revision."""

    def next_term_id(self) -> int:
        """The id the next new term gets (its rowid, as SQLite would pick it); inside a write
        transaction, so that an import can name its new terms before it stores them."""
        return self._engine.execute("SELECT coalesce(max(id), 0) + 1 FROM terms").fetchone()[0]

    def insert_terms(self, rows: list[Row]) -> None:
        """New terms, each with the id next_term_id handed out: one statement for any number."""
        self._engine.executemany("INSERT INTO terms (id, created_by, created_at) VALUES (?, ?, ?)",
                                  [(r["id"], r["created_by"], r["created_at"]) for r in rows])

    def insert_term_revisions(self, rows: list[Row]) -> None:
        """Term revisions, stored in the order given: one statement for any number (an import's
        hundred thousand rows cost one statement, not one each)."""
        if not rows:
            return
        columns = tuple(rows[0])
        lists = [i for i, name in enumerate(columns) if name in _TERM_LISTS]
        flags = [i for i, name in enumerate(columns) if name in _TERM_FLAGS]
        values = []
        for row in rows:
            # Lists as JSON text, flags as 0/1; no dict per row, as this runs 100,000 times in an import.
            value = [row[name] for name in columns]
            for i in lists:
                value[i] = _ENCODE(list(value[i])) if value[i] else "[]"
            for i in flags:
                value[i] = int(bool(value[i]))
            values.append(value)
        self._engine.executemany(
            f"INSERT INTO term_revisions ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values)

    def current_terms(self) -> list[TermRevisionRecord]:
        return [_term_row(r) for r in self._rows(_CURRENT_TERMS + " ORDER BY tr.ko, tr.term_id")]

    def current_term(self, term_id: int) -> TermRevisionRecord | None:
        # The term's own newest revision through term_revisions_by_term: _CURRENT_TERMS's GROUP BY
        # reads every revision, which made an import that reads back each term it writes quadratic.
        rows = self._rows(_TERM_REVISIONS + " WHERE tr.term_id = ? ORDER BY tr.id DESC LIMIT 1", (term_id,))
        return _term_row(rows[0]) if rows else None

    def term_revisions(self, term_id: int) -> list[TermRevisionRecord]:
        return [_term_row(r) for r in self._rows(_TERM_REVISIONS + " WHERE tr.term_id = ? ORDER BY tr.id",
                                                 (term_id,))]

    def glossary_version(self) -> int:
        """Changes whenever any term changes: the newest term revision id (0 for none)."""
        return self._engine.execute("SELECT coalesce(max(id), 0) FROM term_revisions").fetchone()[0]


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


# One encoder for every row: json.dumps with options builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _term_row(row: Row) -> TermRevisionRecord:
    for name in _TERM_LISTS:
        row[name] = tuple(json.loads(row[name]))
    for name in _TERM_FLAGS:
        row[name] = bool(row[name])
    return TermRevisionRecord(**row)
