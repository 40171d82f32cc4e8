"""Concordance: every past Korean and English containing a word or phrase, even inside Korean words.

The search runs in a worker as the person types (FTS5 trigram, or instr under three characters);
stale answers are dropped by comparing the query they answer.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from tui.cells import first_words
from tui.session import Session
from tui.widgets.dialog import Dialog
from workflow.errors import TandemError
from workflow.i18n import _, format_number, ngettext

DEBOUNCE_SECONDS = 0.2
CELLS = 56


class ConcordanceDialog(Dialog[None]):
    DEFAULT_CSS = """
    ConcordanceDialog > .dialog-box {
        width: 124;
    }
    ConcordanceDialog DataTable {
        height: 16;
    }
    """

    class Found(Message):
        def __init__(self, query: str, rows: list[tuple[Text, Text, Text]]) -> None:
            super().__init__()
            self.query = query
            self.rows = rows

    def __init__(self, session: Session, query: str = "") -> None:
        super().__init__()
        self.session = session
        self._initial = query
        self._timer = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = _("Concordance: the translation memory")
            yield Input(value=self._initial, placeholder=_("a word or phrase, Korean or English"),
                        id="concordance-query")
            yield Static("", id="concordance-count", markup=False)
            yield DataTable(id="concordance-results", cursor_type="row", zebra_stripes=True)
            yield Static("", classes="dialog-error banner", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("Korean"), width=CELLS)
        table.add_column(_("English"), width=CELLS)
        table.add_column(_("From"), width=8)
        if self._initial:
            self.search(self._initial)

    @on(Input.Changed, "#concordance-query")
    def typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.search(event.value))

    @work(thread=True, exclusive=True, group="concordance")
    def search(self, query: str) -> None:
        if not query.strip():
            self.post_message(self.Found(query, []))
            return
        try:
            with self.session.workspace() as workspace:
                units = workspace.tm.search(query)
        except TandemError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        rows = [(_around(u.source, query, CELLS), _around(u.target, query, CELLS), Text(u.origin))
                for u in units]
        self.post_message(self.Found(query, rows))

    def on_concordance_dialog_found(self, message: Found) -> None:
        if message.query != self.query_one("#concordance-query", Input).value:
            return  # an answer to something the person has since typed over
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows(message.rows)
        self.show_error("")
        shown = len(message.rows)
        self.query_one("#concordance-count", Static).update(
            ngettext("{count} unit", "{count} units", shown).format(count=format_number(shown))
            if message.query.strip() else "")

    def on_dialog_failed(self, message: Dialog.Failed) -> None:
        self.show_error(message.problem)


def _around(text: str, query: str, cells: int) -> Text:
    """The text from a little before the match (keyword in context), the match in bold underline."""
    line = " ".join(text.split())
    at = line.casefold().find(query.strip().casefold())
    if at < 0:
        return Text(first_words(line, cells))
    start = max(0, at - 8)
    shown = ("…" if start else "") + first_words(line[start:], cells - (1 if start else 0))
    result = Text(shown)
    offset = at - start + (1 if start else 0)
    result.stylize("bold underline", offset, offset + len(query.strip()))
    return result
