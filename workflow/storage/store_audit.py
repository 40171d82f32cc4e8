"""SQL for the hash-chained audit log and the integrity checks run over it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from workflow.audit import GENESIS, entry_hash
from workflow.storage.store_base import Repository, Row

# (at, user_id, action, detail, document_id, segment_id): one audit entry as audit_many takes it.
AuditEntry = tuple[str, int | None, str, Row, int | None, int | None]
# json.dumps(detail, ensure_ascii=False, sort_keys=True), without building an encoder per entry.
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


@dataclass(frozen=True)
class ChainEntry:
    """An audit entry as it is chained: every hashed field, the detail as stored text."""

    id: int
    at: str
    user_id: int | None
    action: str
    document_id: int | None
    segment_id: int | None
    detail: str
    prev_hash: str | None
    hash: str | None


@dataclass(frozen=True)
class RevisionHash:
    id: int
    text: str
    content_hash: str


class AuditRepository(Repository):
    """The append-only audit log and integrity checks."""

    # Set where an admin acts as another user (`--as`): every entry this process writes names the
    # admin, so acting as someone is never unrecorded (DESIGN §1).
    acting_admin: str | None = None

    def audit(
        self,
        at: str,
        user_id: int | None,
        action: str,
        detail: Row,
        document_id: int | None = None,
        segment_id: int | None = None,
    ) -> None:
        self.audit_many([(at, user_id, action, detail, document_id, segment_id)])

    def audit_many(self, entries: Iterable[AuditEntry]) -> None:
        """Append entries to the chain in the order given, each (at, user_id, action, detail,
        document_id, segment_id): the head is read once and the rows written by one statement, so
        a glossary import's entry per term costs no statement of its own."""
        # Always inside a write transaction (BEGIN IMMEDIATE), so no other writer can slip an entry
        # between reading the chain's head and appending to it.
        head = self._engine.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        entry_id, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
        rows = []
        for at, user_id, action, detail, document_id, segment_id in entries:
            entry_id += 1
            if self.acting_admin is not None:
                detail = {**detail, "acting_admin": self.acting_admin}
            text = _ENCODE(detail)
            digest = entry_hash(prev_hash, entry_id, at, user_id, action, document_id, segment_id, text)
            rows.append((entry_id, at, user_id, action, document_id, segment_id, text, prev_hash, digest))
            prev_hash = digest
        self._engine.executemany(
            """INSERT INTO audit_log (id, at, user_id, action, document_id, segment_id, detail, prev_hash, hash)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)

    def audit_chain(self) -> list[ChainEntry]:
        return self._records(ChainEntry,
            """SELECT id, at, user_id, action, document_id, segment_id, detail, prev_hash, hash
               FROM audit_log ORDER BY id"""
        )

    def revision_hashes(self) -> list[RevisionHash]:
        return self._records(RevisionHash, "SELECT id, text, content_hash FROM revisions ORDER BY id")

    def integrity_problems(self) -> list[str]:
        return self._engine.integrity_problems()

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
