"""Pick one comment from a list: the document's open queries (to jump to one), or a segment's open
comments (to resolve one). One row each in a DataTable, so a document with hundreds stays quick."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.cells import first_words
from tui.widgets.dialog import Dialog
from tui.widgets.pick_table import PickTable
from tui.widgets.review_detail import when
from workflow.i18n import _
from workflow.models import Comment
from workflow.names import name

TEXT_CELLS = 60
MIN_TEXT_CELLS = 20
WHEN_CELLS = 20  # a short date and time in the widest supported locale ("26. 11. 29. 오후 10:05")
BOX_CELLS = 110  # the dialog's width where the terminal allows


class CommentPicker(Dialog[Comment | None]):
    """Dismisses with the chosen comment, or None when cancelled."""

    DEFAULT_CSS = """
    CommentPicker #pick-box {
        width: 110;  /* BOX_CELLS */
        max-height: 90%;
    }
    CommentPicker #pick-hint {
        height: auto;
        color: $text-muted;
    }
    CommentPicker #pick-table {
        height: auto;
        max-height: 20;
    }
    """

    def __init__(self, title: str, hint: str, comments: Sequence[Comment], *, choose: str | None = None) -> None:
        super().__init__()
        self.heading = title
        self.hint = hint
        self.comments = list(comments)
        self.choose = choose or _("Open")

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box", classes="dialog-box"):
            yield Static(Text(self.hint), id="pick-hint", markup=False)
            yield PickTable(id="pick-table")

    def on_mount(self) -> None:
        box = self.query_one("#pick-box")
        box.border_title = Text(self.heading)
        box.border_subtitle = Text(_("enter: {action} · escape: cancel").format(action=self.choose.lower()))
        table = self.query_one("#pick-table", PickTable)
        cells = self._text_cells()
        table.add_column(_("Seg"), key="segment")
        table.add_column(_("Kind"), key="kind")
        table.add_column(_("By"), key="author")
        table.add_column(_("When"), key="when")
        table.add_column(_("Comment"), key="text", width=cells)
        for position, comment in enumerate(self.comments):
            table.add_row(Text(str(comment.segment), justify="right"), Text(name(comment.kind)),
                          Text(comment.author), Text(when(comment.created_at)),
                          Text(first_words(comment.text, cells)), key=str(position))
        table.focus()

    def _text_cells(self) -> int:
        """What the comment column can have with every other column on screen, no sideways scroll."""
        box = min(BOX_CELLS, self.app.size.width) - 4  # border and padding
        fixed = [max([3, *(len(str(c.segment)) for c in self.comments)]), 5,
                 max([2, *(len(c.author) for c in self.comments)]), WHEN_CELLS]
        room = box - sum(width + 2 for width in fixed) - 2 - 2  # the comment's padding, a scrollbar
        return max(MIN_TEXT_CELLS, min(TEXT_CELLS, room))

    @on(DataTable.RowSelected, "#pick-table")
    def chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.comments[int(event.row_key.value)])
