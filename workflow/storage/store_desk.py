"""SQL for the news desk (migration 15): who is assigned to each document, its due time and
priority, and the notifications waiting for each person.

Assignments and deadlines are append-only: the newest row per document (and role) is the one that
holds, and the older ones are their history. A notification's seen_at is its only changing column.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from collections.abc import Iterable

from workflow.storage.store_base import Repository, Row


@dataclass(frozen=True)
class AssignmentRecord:
    document_id: int
    role: str
    user: str | None  # None: unassigned
    display_name: str | None
    assigned_at: str
    assigned_by: str | None


@dataclass(frozen=True)
class AssignmentChange:
    role: str
    user: str | None
    assigned_by: str | None
    assigned_at: str


@dataclass(frozen=True)
class DeadlineRecord:
    document_id: int
    due_at: str | None
    priority: str
    set_at: str
    set_by: str | None


@dataclass(frozen=True)
class CommentAuthor:
    author_id: int
    kind: str


@dataclass(frozen=True)
class NotificationRecord:
    id: int
    kind: str
    document_id: int | None
    title: str | None
    segment: int | None  # the segment's position
    detail: dict
    created_at: str
    seen_at: str | None

_CURRENT_ASSIGNMENTS = """
SELECT a.document_id, a.role, u.name AS user, u.display_name, a.assigned_at, b.name AS assigned_by
FROM assignments a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users b ON b.id = a.assigned_by
WHERE a.id IN (SELECT max(id) FROM assignments {where} GROUP BY document_id, role)
ORDER BY a.document_id, a.role
"""

_CURRENT_DEADLINES = """
SELECT d.document_id, d.due_at, d.priority, d.set_at, u.name AS set_by
FROM deadlines d LEFT JOIN users u ON u.id = d.set_by
WHERE d.id IN (SELECT max(id) FROM deadlines {where} GROUP BY document_id)
ORDER BY d.document_id
"""


class DeskRepository(Repository):
    """Assignments, deadlines and notifications."""

    def insert_assignment(self, row: Row) -> int:
        return self._insert("assignments", row)

    def assignments(self, document_id: int | None = None) -> list[AssignmentRecord]:
        """The assignment that holds for each document and role (user None: unassigned)."""
        where, params = ("WHERE document_id = ?", (document_id,)) if document_id is not None else ("", ())
        return self._records(AssignmentRecord, _CURRENT_ASSIGNMENTS.format(where=where), params)

    def assigned_user(self, document_id: int, role: str) -> str | None:
        """The name of the user assigned to `role` on the document, or None."""
        row = self._engine.execute(
            """SELECT u.name FROM assignments a LEFT JOIN users u ON u.id = a.user_id
               WHERE a.document_id = ? AND a.role = ? ORDER BY a.id DESC LIMIT 1""",
            (document_id, role)).fetchone()
        return row[0] if row else None

    def assignment_history(self, document_id: int) -> list[AssignmentChange]:
        return self._records(AssignmentChange,
            """SELECT a.role, u.name AS user, b.name AS assigned_by, a.assigned_at
               FROM assignments a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users b ON b.id = a.assigned_by
               WHERE a.document_id = ? ORDER BY a.id""", (document_id,))

    def insert_deadline(self, row: Row) -> int:
        return self._insert("deadlines", row)

    def deadlines(self, document_id: int | None = None) -> list[DeadlineRecord]:
        """The due time and priority that hold for each document that has had one set."""
        where, params = ("WHERE document_id = ?", (document_id,)) if document_id is not None else ("", ())
        return self._records(DeadlineRecord, _CURRENT_DEADLINES.format(where=where), params)

    def words_left(self) -> dict[int, int]:
        """Korean words (as source_word_counts counts them) of the segments not yet approved, per
        document; locked segments are nobody's work."""
        rows = self._rows(
            """SELECT document_id,
                      sum(length(trim(source_text)) - length(replace(trim(source_text), ' ', '')) + 1) AS n
               FROM segments WHERE locked = 0 AND state != 'approved' GROUP BY document_id""")
        return {row["document_id"]: row["n"] for row in rows}

    def comment_author(self, comment_id: int) -> CommentAuthor | None:
        rows = self._records(CommentAuthor, "SELECT c.author_id, c.kind FROM comments c WHERE c.id = ?", (comment_id,))
        return rows[0] if rows else None

    def user_id(self, name: str) -> int | None:
        row = self._engine.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def insert_notification(self, row: Row) -> int:
        return self._insert("notifications", dict(row, detail=json.dumps(row.get("detail") or {},
                                                                          ensure_ascii=False)))

    def notifications(self, user_id: int, *, unseen_only: bool = False) -> list[NotificationRecord]:
        rows = self._rows(
            f"""SELECT n.id, n.kind, n.document_id, d.title, s.position AS segment, n.detail, n.created_at,
                       n.seen_at
                FROM notifications n LEFT JOIN documents d ON d.id = n.document_id
                LEFT JOIN segments s ON s.id = n.segment_id
                WHERE n.user_id = ? {"AND n.seen_at IS NULL" if unseen_only else ""} ORDER BY n.id""",
            (user_id,))
        return [NotificationRecord(**dict(row, detail=json.loads(row["detail"] or "{}"))) for row in rows]

    def mark_notifications_seen(self, user_id: int, ids: Iterable[int], at: str) -> int:
        ids = list(ids)
        if not ids:
            return 0
        marks = ",".join("?" * len(ids))
        cursor = self._engine.execute(
            f"UPDATE notifications SET seen_at = ? WHERE user_id = ? AND seen_at IS NULL AND id IN ({marks})",
            (at, user_id, *ids))
        return cursor.rowcount
