"""Every SQL statement Tandem runs. Methods take and return plain values and dicts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from workflow.audit import GENESIS, entry_hash
from workflow.storage.connection import Connections

Row = dict[str, Any]

_SEGMENTS_WITH_CURRENT = """
SELECT s.id, s.document_id, s.position, s.block, s.kind, s.source_text, s.state,
       s.align_score, s.align_note, r.id AS revision_id, r.text AS target,
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


class Storage:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._connections = Connections(path)
        self._connections.migrate()

    def close(self) -> None:
        self._connections.close()

    @contextmanager
    def write(self) -> Iterator[None]:
        """One atomic unit of work: everything inside commits together or not at all."""
        with self._connections.write():
            yield

    @contextmanager
    def read(self) -> Iterator[None]:
        """Several reads that see one snapshot (WAL: writers carry on meanwhile)."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    @property
    def _db(self) -> sqlite_utils.Database:
        return self._connections.db

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        cursor = self._db.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def table_names(self) -> list[str]:
        return self._db.table_names()

    def data_version(self) -> int:
        """Changes whenever another connection commits; this thread's own commits leave it alone."""
        return self._db.execute("PRAGMA data_version").fetchone()[0]

    # users -----------------------------------------------------------------------------

    def count_users(self) -> int:
        return self._db["users"].count

    def insert_user(self, name: str, display_name: str, at: str) -> int:
        return self._db["users"].insert(
            {"name": name, "display_name": display_name, "created_at": at}
        ).last_pk

    def add_roles(self, user_id: int, roles: Iterable[str]) -> None:
        self._db["user_roles"].insert_all(
            ({"user_id": user_id, "role": role} for role in roles), ignore=True
        )

    def user_by_name(self, name: str) -> Row | None:
        rows = self._users_where("u.name = ?", (name,))
        return rows[0] if rows else None

    def users(self) -> list[Row]:
        return self._users_where("1", ())

    def _users_where(self, where: str, params: tuple[Any, ...]) -> list[Row]:
        rows = self._rows(
            f"""SELECT u.id, u.name, u.display_name, u.created_at,
                       group_concat(r.role) AS roles
                FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
                WHERE {where} GROUP BY u.id ORDER BY u.name""",
            params,
        )
        for row in rows:
            row["roles"] = sorted((row["roles"] or "").split(",")) if row["roles"] else []
        return rows

    # documents -------------------------------------------------------------------------

    def insert_document(self, fields: Row) -> int:
        fields = dict(fields, tags=json.dumps(list(fields["tags"]), ensure_ascii=False))
        return self._db["documents"].insert(fields).last_pk

    def documents(self) -> list[Row]:
        return [self._document_row(r) for r in self._rows(_DOCUMENTS + " ORDER BY d.id")]

    def document(self, document_id: int) -> Row | None:
        rows = self._rows(_DOCUMENTS + " WHERE d.id = ?", (document_id,))
        return self._document_row(rows[0]) if rows else None

    def document_by_checksums(self, source: str, english: str | None) -> Row | None:
        rows = self._rows(
            _DOCUMENTS + " WHERE d.source_checksum = ? AND d.english_checksum IS ? ORDER BY d.id",
            (source, english),
        )
        return self._document_row(rows[0]) if rows else None

    @staticmethod
    def _document_row(row: Row) -> Row:
        row["tags"] = json.loads(row["tags"])
        return row

    def touch_document(self, document_id: int, at: str) -> None:
        self._db.execute("UPDATE documents SET updated_at = ? WHERE id = ?", (at, document_id))

    def state_counts(self) -> dict[int, dict[str, int]]:
        counts: dict[int, dict[str, int]] = {}
        for row in self._rows(
            "SELECT document_id, state, count(*) AS n FROM segments GROUP BY document_id, state"
        ):
            counts.setdefault(row["document_id"], {})[row["state"]] = row["n"]
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

    # segments and revisions ------------------------------------------------------------

    def insert_segments(self, rows: list[Row]) -> list[int]:
        """Insert in order and return the new ids (positions are unique per document)."""
        self._db["segments"].insert_all(rows, batch_size=500)
        document_id = rows[0]["document_id"]
        return [
            r["id"]
            for r in self._rows(
                "SELECT id FROM segments WHERE document_id = ? ORDER BY position", (document_id,)
            )
        ]

    def insert_revisions(self, rows: list[Row]) -> None:
        self._db["revisions"].insert_all(rows, batch_size=500)

    def segments(self, document_id: int) -> list[Row]:
        return self._rows(
            _SEGMENTS_WITH_CURRENT + " WHERE s.document_id = ? ORDER BY s.position", (document_id,)
        )

    def revisions(self, document_id: int, position: int | None = None) -> list[Row]:
        if position is None:
            return self._rows(_REVISIONS.format(extra=""), (document_id,))
        return self._rows(_REVISIONS.format(extra="AND s.position = ?"), (document_id, position))

    def segment(self, document_id: int, position: int) -> Row | None:
        rows = self._rows(
            _SEGMENTS_WITH_CURRENT + " WHERE s.document_id = ? AND s.position = ?", (document_id, position)
        )
        return rows[0] if rows else None

    def audit_head(self, document_id: int) -> int:
        row = self._db.execute("SELECT coalesce(max(id), 0) FROM audit_log WHERE document_id = ?",
                               (document_id,)).fetchone()
        return row[0]

    def segments_audited_after(self, document_id: int, audit_id: int) -> list[Row]:
        """Segments (with their current text) that audit entries newer than `audit_id` name."""
        return self._rows(
            _SEGMENTS_WITH_CURRENT + """ WHERE s.id IN (SELECT segment_id FROM audit_log
                                                       WHERE document_id = ? AND id > ?)
                                         ORDER BY s.position""",
            (document_id, audit_id),
        )

    def insert_revision(self, row: Row) -> int:
        return self._db["revisions"].insert(row).last_pk

    def set_segment_state(self, segment_id: int, state: str) -> None:
        self._db.execute("UPDATE segments SET state = ? WHERE id = ?", (state, segment_id))

    def all_segments(self) -> list[Row]:
        """Every segment of every document with its current English, for workspace-wide scans."""
        return self._rows(_SEGMENTS_WITH_CURRENT + " ORDER BY s.document_id, s.position")

    # concurrent saves: merges and conflicts ----------------------------------------------

    def revision_by_id(self, revision_id: int) -> Row | None:
        rows = self._rows(
            """SELECT r.id, r.segment_id, s.position, r.text, u.name AS author, r.role, r.created_at,
                      r.parent_id, r.content_hash, r.merge_parent_id, r.aside
               FROM revisions r JOIN segments s ON s.id = r.segment_id JOIN users u ON u.id = r.author_id
               WHERE r.id = ?""",
            (revision_id,),
        )
        return rows[0] if rows else None

    def insert_conflict(self, row: Row) -> int:
        return self._db["conflicts"].insert(row).last_pk

    def open_conflicts(self, segment_id: int) -> list[Row]:
        """The segment's unresolved conflicts, oldest first."""
        return self._rows(
            """SELECT c.id, c.base_id, c.theirs_id, c.mine_id, u.name AS opened_by, c.opened_at
               FROM conflicts c JOIN users u ON u.id = c.opened_by
               WHERE c.segment_id = ? AND c.id NOT IN (SELECT conflict_id FROM conflict_resolutions)
               ORDER BY c.id""",
            (segment_id,),
        )

    def insert_resolution(self, row: Row) -> int:
        return self._db["conflict_resolutions"].insert(row).last_pk

    def conflict_counts(self) -> dict[int, int]:
        """Segments with an unresolved conflict, per document."""
        rows = self._rows(
            """SELECT s.document_id, count(DISTINCT c.segment_id) AS n
               FROM conflicts c JOIN segments s ON s.id = c.segment_id
               WHERE c.id NOT IN (SELECT conflict_id FROM conflict_resolutions)
               GROUP BY s.document_id"""
        )
        return {row["document_id"]: row["n"] for row in rows}

    # glossary --------------------------------------------------------------------------

    def insert_term(self, created_by: int, at: str) -> int:
        return self._db["terms"].insert({"created_by": created_by, "created_at": at}).last_pk

    def insert_term_revision(self, fields: Row) -> int:
        return self._db["term_revisions"].insert(_term_columns(fields)).last_pk

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

    # dismissals and comments ---------------------------------------------------------

    def insert_dismissal(self, row: Row) -> int:
        return self._db["dismissals"].insert(row).last_pk

    def dismissals(self, segment_id: int, text_hash: str) -> list[Row]:
        return self._rows(
            """SELECT d.id, d.finding_key, d.check_id, d.reason, d.created_at, u.name AS user
               FROM dismissals d JOIN users u ON u.id = d.user_id
               WHERE d.segment_id = ? AND d.text_hash = ? ORDER BY d.id""",
            (segment_id, text_hash),
        )

    def insert_comment(self, row: Row) -> int:
        return self._db["comments"].insert(row).last_pk

    def comments(self, document_id: int, position: int | None = None) -> list[Row]:
        extra, params = ("AND s.position = ?", (document_id, position)) if position else ("", (document_id,))
        return self._rows(
            f"""SELECT c.id, s.position, c.kind, c.text, c.created_at, u.name AS author,
                       r.name AS resolved_by, c.resolved_at
                FROM comments c JOIN segments s ON s.id = c.segment_id
                JOIN users u ON u.id = c.author_id LEFT JOIN users r ON r.id = c.resolved_by
                WHERE s.document_id = ? {extra} ORDER BY s.position, c.id""",
            params,
        )

    def comment(self, comment_id: int) -> Row | None:
        rows = self._rows(
            """SELECT c.id, c.resolved_at, c.segment_id, s.document_id
               FROM comments c JOIN segments s ON s.id = c.segment_id WHERE c.id = ?""",
            (comment_id,),
        )
        return rows[0] if rows else None

    def resolve_comment(self, comment_id: int, user_id: int, at: str) -> None:
        self._db.execute("UPDATE comments SET resolved_by = ?, resolved_at = ? WHERE id = ?",
                         (user_id, at, comment_id))

    # approvals and sign-offs ---------------------------------------------------------

    def insert_approval(self, row: Row) -> int:
        return self._db["approvals"].insert(row).last_pk

    def approvals(self, document_id: int) -> list[Row]:
        return self._rows(
            """SELECT a.id, s.position, a.revision_id, u.name AS user, a.role, a.created_at
               FROM approvals a JOIN segments s ON s.id = a.segment_id JOIN users u ON u.id = a.user_id
               WHERE s.document_id = ? ORDER BY a.id""",
            (document_id,),
        )

    def insert_signoff(self, row: Row) -> int:
        row = dict(row, revisions=json.dumps(row["revisions"]))
        return self._db["signoffs"].insert(row).last_pk

    def signoffs(self, document_id: int) -> list[Row]:
        rows = self._rows(
            """SELECT g.id, u.name AS user, u.display_name, g.role, g.created_at, g.content_hash,
                      g.revisions
               FROM signoffs g JOIN users u ON u.id = g.user_id
               WHERE g.document_id = ? ORDER BY g.id""",
            (document_id,),
        )
        for row in rows:
            row["revisions"] = json.loads(row["revisions"])
        return rows

    def translators(self, document_id: int) -> set[str]:
        """Users who put text into the document as its translator."""
        rows = self._rows(
            """SELECT DISTINCT u.name FROM revisions r JOIN segments s ON s.id = r.segment_id
               JOIN users u ON u.id = r.author_id WHERE s.document_id = ? AND r.role = 'translator'""",
            (document_id,),
        )
        return {r["name"] for r in rows}

    # audit -----------------------------------------------------------------------------

    def audit(
        self,
        at: str,
        user_id: int | None,
        action: str,
        detail: Row,
        document_id: int | None = None,
        segment_id: int | None = None,
    ) -> None:
        # Always inside a write transaction (BEGIN IMMEDIATE), so no other writer can slip an entry
        # between reading the chain's head and appending to it.
        head = self._db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        entry_id, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS)
        text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
        self._db["audit_log"].insert(
            {
                "id": entry_id,
                "at": at,
                "user_id": user_id,
                "action": action,
                "document_id": document_id,
                "segment_id": segment_id,
                "detail": text,
                "prev_hash": prev_hash,
                "hash": entry_hash(prev_hash, entry_id, at, user_id, action, document_id, segment_id, text),
            }
        )

    def audit_chain(self) -> list[Row]:
        return self._rows(
            """SELECT id, at, user_id, action, document_id, segment_id, detail, prev_hash, hash
               FROM audit_log ORDER BY id"""
        )

    def revision_hashes(self) -> list[Row]:
        return self._rows("SELECT id, text, content_hash FROM revisions ORDER BY id")

    def integrity_problems(self) -> list[str]:
        rows = [row[0] for row in self._db.execute("PRAGMA integrity_check").fetchall()]
        return [] if rows == ["ok"] else rows

    def audit_entries(self, document_id: int | None = None) -> list[Row]:
        where, params = ("WHERE a.document_id = ?", (document_id,)) if document_id else ("", ())
        rows = self._rows(
            f"""SELECT a.id, a.at, u.name AS user, a.action, a.document_id, a.segment_id, a.detail
                FROM audit_log a LEFT JOIN users u ON u.id = a.user_id {where} ORDER BY a.id""",
            params,
        )
        for row in rows:
            row["detail"] = json.loads(row["detail"])
        return rows

    # translation memory ----------------------------------------------------------------

    def revision_author(self, revision_id: int) -> str:
        row = self._db.execute(
            "SELECT u.name FROM revisions r JOIN users u ON u.id = r.author_id WHERE r.id = ?",
            (revision_id,),
        ).fetchone()
        return row[0] if row else ""

    def put_tm_unit(self, row: Row, *, refresh: bool) -> bool:
        """Store a pair; True when it is new. An existing pair keeps its id (and index entry);
        with refresh its provenance becomes the new row's (a re-approval is the newer evidence)."""
        found = self._db.execute(
            "SELECT id FROM tm_units WHERE source_text = ? AND target_text = ?",
            (row["source_text"], row["target_text"]),
        ).fetchone()
        if found is None:
            self._db["tm_units"].insert(row)
            return True
        if refresh:
            fields = {k: v for k, v in row.items() if k not in ("source_text", "target_text")}
            self._db["tm_units"].update(found[0], fields)
        return False

    def insert_tm_units(self, rows: Iterable[Row]) -> None:
        """Bulk load; pairs already present are left as they are."""
        self._db["tm_units"].insert_all(rows, ignore=True, batch_size=1000)

    def tm_last_id(self) -> int:
        """Cheap growth gauge: count(*) would read every row of a large memory."""
        return self._db.execute("SELECT max(id) FROM tm_units").fetchone()[0] or 0

    def tm_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM tm_units").fetchone()[0]

    def tm_units(self) -> list[Row]:
        return self._rows(f"{_TM_UNITS} ORDER BY t.id")

    def tm_units_by_id(self, ids: Iterable[int]) -> list[Row]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self._rows(f"{_TM_UNITS} WHERE t.id IN ({marks})", ids)

    def tm_sample(self, size: int) -> list[str]:
        """About size units' Korean, spread evenly over the memory (a rowid stride, no sort)."""
        top = self._db.execute("SELECT max(id) FROM tm_units").fetchone()[0] or 0
        step = max(1, top // max(size, 1))
        return [r[0] for r in self._db.execute(
            "SELECT source_text FROM tm_units WHERE id % ? = 0 LIMIT ?", (step, size)).fetchall()]

    def tm_ids_with_trigram(self, trigram: str) -> list[int]:
        query = 'source_text : "' + trigram.replace('"', '""') + '"'
        return [r[0] for r in self._db.execute(
            "SELECT rowid FROM tm_fts WHERE tm_fts MATCH ?", (query,)).fetchall()]

    def tm_search(self, text: str, limit: int) -> list[Row]:
        """Units whose Korean or English contains text (case-insensitive), newest first."""
        if len(text) >= 3:
            # One quoted trigram string matches as a substring, inside Korean words too.
            query = '"' + text.replace('"', '""') + '"'
            return self._rows(
                f"{_TM_UNITS} WHERE t.id IN (SELECT rowid FROM tm_fts WHERE tm_fts MATCH ?) "
                "ORDER BY t.id DESC LIMIT ?", (query, limit))
        # The trigram index cannot answer under three characters (북한): a scan, as documented.
        return self._rows(
            f"{_TM_UNITS} WHERE instr(t.source_text, ?) OR instr(lower(t.target_text), lower(?)) "
            "ORDER BY t.id DESC LIMIT ?", (text, text, limit))

    # interchange files (XLIFF) -----------------------------------------------------------

    def insert_interchange(self, row: Row, segments: list[Row], authors: list[Row]) -> None:
        self._db["document_interchange"].insert(row)
        self._db["segment_interchange"].insert_all(segments, batch_size=500)
        if authors:
            self._db["file_authors"].insert_all(authors, batch_size=500)

    def interchange(self, document_id: int) -> tuple[Row | None, dict[int, Row]]:
        """The document's file record, and its segments' records by segment id."""
        found = self._rows("SELECT * FROM document_interchange WHERE document_id = ?", (document_id,))
        segments = self._rows(
            """SELECT x.segment_id, x.unit_id, x.codes, x.file_state FROM segment_interchange x
               JOIN segments s ON s.id = x.segment_id WHERE s.document_id = ?""", (document_id,))
        by_segment = {r["segment_id"]: dict(r, codes=json.loads(r["codes"])) for r in segments}
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


_TERM_LISTS = ("ko_variants", "en_variants", "en_forbidden")

_TERM_REVISIONS = """
SELECT tr.id AS revision_id, tr.term_id, tr.ko, tr.en, tr.ko_variants, tr.en_variants,
       tr.en_forbidden, tr.pos, tr.domain, tr.note, tr.status, tr.case_sensitive,
       u.name AS author, tr.role, tr.created_at, tr.reason, tr.parent_id
FROM term_revisions tr JOIN users u ON u.id = tr.author_id
"""
_CURRENT_TERMS = _TERM_REVISIONS + """
WHERE tr.id IN (SELECT max(id) FROM term_revisions GROUP BY term_id)"""


def _term_columns(fields: Row) -> Row:
    row = dict(fields)
    for name in _TERM_LISTS:
        row[name] = json.dumps(list(row.get(name, ())), ensure_ascii=False)
    row["case_sensitive"] = int(bool(row.get("case_sensitive")))
    return row


def _term_row(row: Row) -> Row:
    for name in _TERM_LISTS:
        row[name] = tuple(json.loads(row[name]))
    row["case_sensitive"] = bool(row["case_sensitive"])
    return row


_DOCUMENTS = """
SELECT d.id, d.title, d.tags, d.source_name, d.source_checksum, d.source_encoding,
       d.english_name, d.english_checksum, d.segmentation, d.created_at, d.updated_at,
       u.name AS created_by
FROM documents d JOIN users u ON u.id = d.created_by
"""


_TM_UNITS = """
SELECT t.id, t.source_text, t.target_text, t.document_id, t.segment_id, t.author, t.approver,
       t.created_at, t.origin
FROM tm_units t
"""
