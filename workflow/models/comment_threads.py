"""Comments as threads: a first comment and its replies, what state a thread is in, and the one
definition of an open query that every count uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workflow.i18n import N_
from workflow.models.core import Comment

OPEN, ANSWERED, CLOSED = "open", "answered", "closed"
THREAD_STATES = {OPEN: N_("open"), ANSWERED: N_("answered"), CLOSED: N_("closed")}


def default_kind(text: str) -> str:
    """A comment that asks something is a query unless the person says otherwise."""
    return "query" if text.rstrip().endswith(("?", "？")) else "note"


def counts_as_open(comment: Comment) -> bool:
    """The one definition of an open query: a thread's first comment, a query, not closed.
    Notes and replies never count, so every "N open" agrees."""
    return comment.kind == "query" and not comment.is_reply and comment.open


def open_queries(comments: Iterable[Comment], index: int | None = None) -> list[Comment]:
    """The open queries among `comments`, of one segment when index is given."""
    return [c for c in comments if counts_as_open(c) and (index is None or c.segment == index)]


@dataclass(frozen=True)
class Thread:
    """A first comment and its replies, oldest first."""

    root: Comment
    replies: tuple[Comment, ...] = ()

    @property
    def state(self) -> str:
        """closed once resolved; answered when someone other than the asker replied; else open."""
        if not self.root.open:
            return CLOSED
        if any(r.author != self.root.author for r in self.replies):
            return ANSWERED
        return OPEN

    @property
    def comments(self) -> tuple[Comment, ...]:
        return (self.root, *self.replies)


def threads(comments: Iterable[Comment]) -> list[Thread]:
    """Group a segment's (or a document's) comments into threads, in the order they were started."""
    comments = list(comments)
    replies: dict[int, list[Comment]] = {}
    for c in comments:
        if c.parent_id is not None:
            replies.setdefault(c.parent_id, []).append(c)
    return [Thread(c, tuple(replies.get(c.id, ()))) for c in comments if c.parent_id is None]
