"""The comments beside the segment in hand, as threads: a query, its replies, and whether it is
open, answered or closed. Its title counts open queries with workflow.comments.open_queries, the
same count the review screen and `tandem report` show. Enter on a thread opens QueryDialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList

from workflow.models import ANSWERED, CLOSED, OPEN, THREAD_STATES, Comment, Thread, open_queries, threads
from workflow.i18n import N_, _, format_datetime
from workflow.names import name

# A mark a reader without colour can tell apart: ? waits for an answer, ↩ has one, ✓ is closed.
STATE_MARKS = {OPEN: ("?", "bold $text-warning"), ANSWERED: ("↩", "bold $text-accent"), CLOSED: ("✓", "$text-muted")}
NOTE_MARK = "•"


def thread_prompt(thread: Thread) -> Content:
    root = thread.root
    if root.kind == "query":
        mark, style = STATE_MARKS[thread.state]
        label = f"{name('query')} · {_(THREAD_STATES[thread.state])}"
    else:
        mark, style = (STATE_MARKS[CLOSED] if thread.state == CLOSED else (NOTE_MARK, ""))
        label = name("note") + (f" · {_(THREAD_STATES[CLOSED])}" if thread.state == CLOSED else "")
    head = Content.assemble((mark, style), " ", (label, "bold"),
                            (f" · {root.author} · {format_datetime(root.created_at)}", "$text-muted"))
    lines = [head, Content(root.text).stylize("dim") if thread.state == CLOSED else Content(root.text)]
    for reply in thread.replies:
        lines.append(Content.assemble(("  ↳ ", "$text-muted"), (reply.author, "bold"),
                                      (f" · {format_datetime(reply.created_at)}: ", "$text-muted"), reply.text))
    if root.resolved_by:
        lines.append(Content.styled("  " + _("closed by {user}").format(user=root.resolved_by), "$text-muted"))
    return Content("\n").join(lines)


class CommentsPanel(OptionList):
    """OptionList like the other panels (tui.widgets.panels.Panel): scrolls and wraps by cells."""

    TITLE = N_("Comments")
    EMPTY = N_("no comments")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="panel")
        self.border_title = _(self.TITLE)
        self.threads: list[Thread] = []

    def show(self, comments: Sequence[Comment]) -> None:
        """The segment's comments, replies included, as Workspace.comments.all(document, index) gives them."""
        self.threads = threads(comments)
        keep = self.highlighted
        self.set_options([thread_prompt(t) for t in self.threads]
                         or [Content.styled(_(self.EMPTY), "$text-muted")])
        if self.threads and keep is not None:
            self.highlighted = min(keep, len(self.threads) - 1)
        self.border_title = self.title_for(comments)

    @staticmethod
    def title_for(comments: Sequence[Comment]) -> str:
        if not comments:
            return _(CommentsPanel.TITLE)
        return _("Comments · {count} open").format(count=len(open_queries(comments)))

    def chosen(self) -> Thread | None:
        """The highlighted thread, else the first open query, else the first thread."""
        if self.threads and self.highlighted is not None and self.highlighted < len(self.threads):
            return self.threads[self.highlighted]
        return next((t for t in self.threads if t.state != CLOSED), self.threads[0] if self.threads else None)
