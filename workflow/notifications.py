"""Notifications: what happened that a person should hear about, written for them in the same
transaction as the event, so nothing is lost while their app is closed (issue 17).

One function per event, called by the use case that makes the event inside its write. Each writes
at most one row, for the person the event concerns, never for the person who caused it. The row
keeps English identifiers and the facts (who, which document, which segment); the words are made
where it is shown (workflow.desk), in the reader's language.
"""

from __future__ import annotations

from workflow.models import Role
from workflow.storage.store_desk import DeskRepository
from workflow.storage.store_review import CommentPlace
from workflow.storage.store_segments import SegmentRecord

ASSIGNED, QUERY, ANSWER, REJECTED, SIGNED_OFF = "assigned", "query", "answer", "rejected", "signed_off"
KINDS = (ASSIGNED, QUERY, ANSWER, REJECTED, SIGNED_OFF)


def _notify(desk: DeskRepository, recipient: str | int | None, actor, kind: str, at: str, *, document_id: int,
            segment_id: int | None = None, **detail: object) -> None:
    user_id = desk.user_id(recipient) if isinstance(recipient, str) else recipient
    if user_id is None or user_id == actor.id:
        return
    desk.insert_notification({"user_id": user_id, "kind": kind, "document_id": document_id,
                               "segment_id": segment_id, "created_at": at,
                               "detail": {"by": actor.name, **detail}})


def assigned(desk: DeskRepository, document_id: int, role: Role, user: str | None, actor, at: str) -> None:
    """`user` was given the document as its translator or editor."""
    _notify(desk, user, actor, ASSIGNED, at, document_id=document_id, role=role.value)


def query(desk: DeskRepository, document_id: int, segment: SegmentRecord, actor, at: str, comment_id: int) -> None:
    """A query on a segment: for the assigned translator, or the assigned editor when the translator asks."""
    translator = desk.assigned_user(document_id, Role.TRANSLATOR.value)
    recipient = desk.assigned_user(document_id, Role.EDITOR.value) if translator == actor.name else translator
    _notify(desk, recipient, actor, QUERY, at, document_id=document_id, segment_id=segment.id,
            comment=comment_id)


def answer(desk: DeskRepository, root: CommentPlace, actor, at: str, reply_id: int) -> None:
    """A reply in a query's thread: for whoever asked it."""
    asked = desk.comment_author(root.id)
    if asked is None or asked.kind != "query":
        return
    _notify(desk, asked.author_id, actor, ANSWER, at, document_id=root.document_id,
            segment_id=root.segment_id, comment=reply_id, thread=root.id)


def rejected(desk: DeskRepository, document_id: int, segment: SegmentRecord, actor, at: str, comment: str) -> None:
    """A segment sent back: for the assigned translator."""
    _notify(desk, desk.assigned_user(document_id, Role.TRANSLATOR.value), actor, REJECTED, at,
            document_id=document_id, segment_id=segment.id, comment=comment[:200])


def signed_off(desk: DeskRepository, document_id: int, role: Role, actor, at: str) -> None:
    """The editor signed the document off (it is approved): for the assigned translator."""
    if role is Role.EDITOR:
        _notify(desk, desk.assigned_user(document_id, Role.TRANSLATOR.value), actor, SIGNED_OFF, at,
                document_id=document_id)
