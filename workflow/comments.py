"""Comments on segments: notes, and queries as threads (DESIGN §2: the editor asks, the translator
answers, either closes it).

The rules live here once: who may reply and who may close, what a thread's state is, and which
queries count as open. Every screen and command that says "N open" calls open_queries().
"""

from __future__ import annotations

import unicodedata

from workflow.access import INTENT_ROLES, Actors, require
from workflow.clock import now
from workflow import notifications
from workflow.errors import InputError, NotFound
from workflow.i18n import N_, _
from workflow.models import Comment
from workflow.models.permissions import CLOSE, REPLY
from workflow.models.comment_threads import (  # noqa: F401 - the thread types, with the use case
    ANSWERED, CLOSED, OPEN, THREAD_STATES, Thread, counts_as_open, default_kind, open_queries, threads)
from workflow.records import existing_segment
from workflow.storage import Transactions
from workflow.storage.store_audit import AuditRepository
from workflow.storage.store_desk import DeskRepository
from workflow.storage.store_review import CommentPlace, CommentRecord, CommentsRepository
from workflow.storage.store_segments import SegmentsRepository
from workflow.textfile import refuse_controls

COMMENT_KINDS = ("note", "query")

def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise InputError(_("comment"), _("is empty"))
    refuse_controls(text, _("comment"), field=True)
    return text


def _comment(row: CommentRecord) -> Comment:
    return Comment(row.id, row.index, row.kind, row.text, row.author, row.created_at,
                   row.resolved_by, row.resolved_at, row.parent_id)


class Comments:
    def __init__(self, tx: Transactions, actors: Actors, audit: AuditRepository, comments: CommentsRepository,
                 segments: SegmentsRepository, desk: DeskRepository) -> None:
        self._actors = actors
        self._tx = tx
        self._audit = audit
        self._comments = comments
        self._segments = segments
        self._desk = desk

    def add(self, document_id: int, index: int, text: str, *, kind: str = "note", by: str) -> Comment:
        text = _clean(text)
        if kind not in COMMENT_KINDS:
            raise InputError("--kind", _("{kind!r} is not a comment kind (note or query)").format(kind=kind))
        with self._tx.write():
            actor = self._actors.acting(by)
            row = existing_segment(self._segments, document_id, index)
            at = now()
            comment_id = self._comments.insert_comment({"segment_id": row.id, "author_id": actor.id,
                                                     "kind": kind, "text": text, "created_at": at})
            self._audit.audit(at, actor.id, "comment.add", {"segment": index, "comment": comment_id, "kind": kind},
                              document_id=document_id, segment_id=row.id)
            if kind == "query":
                notifications.query(self._desk, document_id, row, actor, at, comment_id)
        return self._one(document_id, index, comment_id)

    def reply(self, comment_id: int, text: str, *, by: str) -> Comment:
        """Add a reply to the thread `comment_id` belongs to (a reply to a reply joins the same thread)."""
        text = _clean(text)
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, set(INTENT_ROLES[REPLY]), N_("reply to comments"))
            root = self._root(comment_id)
            if root.resolved_at:
                raise InputError(_("comment {id}").format(id=root.id),
                                 _("is closed; add a new comment instead"))
            at = now()
            # A reply keeps its thread's kind, so an exported file still files it with its query.
            reply_id = self._comments.insert_comment({"segment_id": root.segment_id, "author_id": actor.id,
                                                   "kind": root.kind, "text": text, "created_at": at,
                                                   "parent_id": root.id})
            self._audit.audit(at, actor.id, "comment.reply",
                              {"segment": root.index, "comment": reply_id, "thread": root.id},
                              document_id=root.document_id, segment_id=root.segment_id)
            notifications.answer(self._desk, root, actor, at, reply_id)
        return self._one(root.document_id, root.index, reply_id)

    def resolve(self, comment_id: int, *, by: str) -> int:
        """Close the thread `comment_id` belongs to (the query is answered, or the note dealt with);
        returns the thread's first comment's id."""
        with self._tx.write():
            actor = self._actors.acting(by)
            require(actor, set(INTENT_ROLES[CLOSE]), N_("resolve comments"))
            root = self._root(comment_id)
            if root.resolved_at:
                raise InputError(_("comment {id}").format(id=root.id), _("is already resolved"))
            at = now()
            self._comments.resolve_comment(root.id, actor.id, at)
            self._audit.audit(at, actor.id, "comment.resolve", {"comment": root.id},
                              document_id=root.document_id, segment_id=root.segment_id)
        return root.id

    def all(self, document_id: int, index: int | None = None) -> list[Comment]:
        """Every comment, replies included (a reply's parent_id names its thread's first comment), by
        segment then age."""
        return [_comment(r) for r in self._comments.comments(document_id, index)]

    def threads(self, document_id: int, index: int | None = None) -> list[Thread]:
        return threads(self.all(document_id, index))

    def open_queries(self, document_id: int, index: int | None = None) -> list[Comment]:
        return open_queries(self.all(document_id, index))

    def _root(self, comment_id: int) -> CommentPlace:
        row = self._comments.comment(comment_id)
        if row is None:
            raise NotFound(_("no comment {id}").format(id=comment_id))
        if row.parent_id is not None:
            row = self._comments.comment(row.parent_id)
            assert row is not None  # parent_id is a foreign key to comments, and comments are never deleted
        return row

    def _one(self, document_id: int, index: int, comment_id: int) -> Comment:
        return next(c for c in self.all(document_id, index) if c.id == comment_id)
