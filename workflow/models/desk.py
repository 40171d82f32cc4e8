"""The news desk's values: a document in flight with its holder and due time, an item of a person's
queue, and a notification, each able to say itself in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workflow.i18n import _, format_datetime, format_timedelta, ngettext
from workflow.models.core import DocumentState, DocumentSummary, Role

PRIORITIES = ("breaking", "normal", "feature")
# Two cells wide by Unicode (East Asian Width W), as rich and wcwidth both count it; "!" already marks a
# doubtful pairing on the documents screen.
LATE_GLYPH = "⏰"


def priority_name(priority: str) -> str:
    from workflow.names import name

    return name(priority)


@dataclass(frozen=True)
class Assignment:
    """Who a document is given to and by when; None where nobody (or no time) is set."""

    document_id: int
    translator: str | None = None
    editor: str | None = None
    due_at: str | None = None  # UTC ISO 8601
    priority: str = "normal"

    def holder(self, role: Role | None) -> str | None:
        return self.translator if role is Role.TRANSLATOR else self.editor if role is Role.EDITOR else None


@dataclass(frozen=True)
class DeskRow:
    """A document in flight as the desk sees it."""

    summary: DocumentSummary
    state: DocumentState
    assignment: Assignment
    holder_role: Role | None  # whose step it is now: translator (work waits for one), else editor
    words_left: int  # Korean words of the segments not yet approved
    open_queries: int
    late_seconds: float | None = None  # how far past due (positive), or how long until due (negative)

    @property
    def holder(self) -> str | None:
        return self.assignment.holder(self.holder_role)

    @property
    def late(self) -> bool:
        return self.late_seconds is not None and self.late_seconds > 0

    @property
    def due_text(self) -> str:
        return format_datetime(self.assignment.due_at) if self.assignment.due_at else ""

    @property
    def late_text(self) -> str:
        """"⏰ 2 hr late" where overdue, else empty."""
        if not self.late or self.late_seconds is None:
            return ""
        return _("{glyph} {time} late").format(glyph=LATE_GLYPH, time=format_timedelta(self.late_seconds))

    @property
    def priority_text(self) -> str:
        return priority_name(self.assignment.priority)

    def to_json(self) -> dict[str, Any]:
        a = self.assignment
        return {"id": self.summary.id, "title": self.summary.title, "state": self.state.value,
                "holder": self.holder, "holder_role": self.holder_role.value if self.holder_role else None,
                "translator": a.translator, "editor": a.editor, "due": a.due_at, "priority": a.priority,
                "late": self.late, "late_seconds": round(self.late_seconds) if self.late_seconds is not None else None,
                "words_left": self.words_left, "open_queries": self.open_queries}


@dataclass(frozen=True)
class QueueItem:
    """A document waiting for me: in which role, and how many of its segments wait for that step."""

    row: DeskRow
    role: Role
    waiting: int

    @property
    def summary(self) -> DocumentSummary:
        return self.row.summary

    @property
    def what(self) -> str:
        if self.role is Role.TRANSLATOR:
            return ngettext("{count} segment to translate", "{count} segments to translate",
                            self.waiting).format(count=self.waiting)
        return ngettext("{count} segment to review", "{count} segments to review", self.waiting).format(
            count=self.waiting)

    def to_json(self) -> dict[str, Any]:
        return {**self.row.to_json(), "role": self.role.value, "waiting": self.waiting}


@dataclass(frozen=True)
class Notification:
    id: int
    kind: str
    document_id: int | None
    title: str | None
    segment: int | None
    by: str | None
    created_at: str
    seen_at: str | None
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """What happened, in the reader's language."""
        from workflow.names import name

        where = _("document {id} “{title}”").format(id=self.document_id, title=self.title or "")
        if self.segment is not None:
            where = _("{document}, segment {index}").format(document=where, index=self.segment)
        messages = {
            "assigned": _("{by} assigned you {where} as {role}"),
            "query": _("{by} asked a query on {where}"),
            "answer": _("{by} answered your query on {where}"),
            "rejected": _("{by} sent back {where}"),
            "signed_off": _("{by} signed off {where} as editor: it is approved"),
        }
        message = messages.get(self.kind, _("{by}: {where}"))
        return message.format(by=self.by or "", where=where, role=name(self.detail.get("role", "")))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "document": self.document_id, "title": self.title,
                "segment": self.segment, "by": self.by, "created_at": self.created_at, "seen_at": self.seen_at,
                "detail": self.detail, "text": self.text}
