"""SQL for review: dismissed findings, comments, approvals and sign-offs (a repository each)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from workflow.storage.store_base import Repository, Row


@dataclass(frozen=True)
class DismissalRecord:
    id: int
    finding_key: str
    check_id: str
    reason: str
    created_at: str
    user: str  # user name


@dataclass(frozen=True)
class CommentRecord:
    id: int
    index: int  # the segment's number in its document, from 1
    kind: str
    text: str
    created_at: str
    author: str  # user name
    resolved_by: str | None
    resolved_at: str | None
    parent_id: int | None


@dataclass(frozen=True)
class CommentPlace:
    """Where a comment sits, and whether it is resolved: what answering and resolving need."""

    id: int
    resolved_at: str | None
    segment_id: int
    document_id: int
    index: int  # the segment's number in its document, from 1
    parent_id: int | None
    kind: str


@dataclass(frozen=True)
class ApprovalRecord:
    id: int
    index: int  # the segment's number in its document, from 1
    revision_id: int
    user: str  # user name
    role: str
    created_at: str


@dataclass(frozen=True)
class ApproverRecord:
    index: int  # the segment's number in its document, from 1
    revision_id: int
    user: str
    display_name: str


@dataclass(frozen=True)
class SignoffRecord:
    id: int
    user: str
    display_name: str
    role: str
    created_at: str
    content_hash: str
    revisions: tuple[int | None, ...]  # the revision signed per segment (None: it had no English)


class DismissalsRepository(Repository):
    """Findings people dismissed, each bound to the text it was about."""

    def insert_dismissal(self, row: Row) -> int:
        return self._insert("dismissals", row)

    def dismissals(self, segment_id: int, text_hash: str) -> list[DismissalRecord]:
        return self._records(DismissalRecord,
            """SELECT d.id, d.finding_key, d.check_id, d.reason, d.created_at, u.name AS user
               FROM dismissals d JOIN users u ON u.id = d.user_id
               WHERE d.segment_id = ? AND d.text_hash = ? ORDER BY d.id""",
            (segment_id, text_hash),
        )


class CommentsRepository(Repository):
    """Notes and queries on segments, as threads."""

    def insert_comment(self, row: Row) -> int:
        return self._insert("comments", row)

    def comments(self, document_id: int, position: int | None = None) -> list[CommentRecord]:
        extra, params = ("AND s.position = ?", (document_id, position)) if position else ("", (document_id,))
        return self._records(CommentRecord,
            f"""SELECT c.id, s.position, c.kind, c.text, c.created_at, u.name AS author,
                       r.name AS resolved_by, c.resolved_at, c.parent_id
                FROM comments c JOIN segments s ON s.id = c.segment_id
                JOIN users u ON u.id = c.author_id LEFT JOIN users r ON r.id = c.resolved_by
                WHERE s.document_id = ? {extra} ORDER BY s.position, c.id""",
            params,
        )

    def comment(self, comment_id: int) -> CommentPlace | None:
        rows = self._records(CommentPlace,
            """SELECT c.id, c.resolved_at, c.segment_id, s.document_id, s.position, c.parent_id, c.kind
               FROM comments c JOIN segments s ON s.id = c.segment_id WHERE c.id = ?""",
            (comment_id,),
        )
        return rows[0] if rows else None

    def resolve_comment(self, comment_id: int, user_id: int, at: str) -> None:
        self._engine.execute("UPDATE comments SET resolved_by = ?, resolved_at = ? WHERE id = ?",
                         (user_id, at, comment_id))


class SignoffsRepository(Repository):
    """Approvals of segments' revisions and sign-offs of whole documents, and who translated them."""

    def insert_approval(self, row: Row) -> int:
        return self._insert("approvals", row)

    def approvals(self, document_id: int) -> list[ApprovalRecord]:
        return self._records(ApprovalRecord,
            """SELECT a.id, s.position, a.revision_id, u.name AS user, a.role, a.created_at
               FROM approvals a JOIN segments s ON s.id = a.segment_id JOIN users u ON u.id = a.user_id
               WHERE s.document_id = ? ORDER BY a.id""",
            (document_id,),
        )

    def approvers(self, document_id: int) -> list[ApproverRecord]:
        """Who approved each segment's current revision (the newest approval of it)."""
        return self._records(ApproverRecord,
            """SELECT s.position, a.revision_id, u.name AS user, u.display_name
               FROM approvals a JOIN segments s ON s.id = a.segment_id JOIN users u ON u.id = a.user_id
               WHERE s.document_id = ? ORDER BY a.id""",
            (document_id,),
        )

    def insert_signoff(self, row: Row) -> int:
        row = dict(row, revisions=json.dumps(row["revisions"]))
        return self._insert("signoffs", row)

    def signoffs(self, document_id: int) -> list[SignoffRecord]:
        rows = self._rows(
            """SELECT g.id, u.name AS user, u.display_name, g.role, g.created_at, g.content_hash,
                      g.revisions
               FROM signoffs g JOIN users u ON u.id = g.user_id
               WHERE g.document_id = ? ORDER BY g.id""",
            (document_id,),
        )
        return [SignoffRecord(**dict(row, revisions=tuple(json.loads(row["revisions"])))) for row in rows]

    def translators(self, document_id: int) -> set[str]:
        """Users who put text into the document as its translator."""
        rows = self._rows(
            """SELECT DISTINCT u.name FROM revisions r JOIN segments s ON s.id = r.segment_id
               JOIN users u ON u.id = r.author_id WHERE s.document_id = ? AND r.role = 'translator'""",
            (document_id,),
        )
        return {r["name"] for r in rows}
