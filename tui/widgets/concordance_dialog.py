"""Concordance: every segment of every document, and every TM unit, holding a word or phrase.

The search runs in a worker as the person types (workflow.concordance: FTS5 trigram, or a scan
inside SQLite under three characters); stale answers are dropped by comparing the query they answer.
Each row shows where the hit is, its Korean with the searched words marked, and its English with
the searched words, or the glossary's rendering of the searched Korean, marked (bold underline,
so it reads without colour). Below the table, the highlighted hit in full, wrapped.
Enter on a segment dismisses with (document id, segment number) for the editor to open.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from tui.session import Session
from tui.widgets.dialog import Dialog
from workflow.models import ConcordanceHit, DOCUMENT, Span
from workflow.errors import TandemError
from workflow.i18n import _, format_number, ngettext

DEBOUNCE_SECONDS = 0.2
MARK = "bold underline"
LEAD_CELLS = 16  # context kept before the first mark when a long text must be cut


def where_label(hit: ConcordanceHit, current: int | None) -> str:
    if hit.kind != DOCUMENT:
        return _("TM")
    if hit.document_id == current:
        return _("seg {index}").format(index=hit.index)
    return _("#{document}·{index}").format(document=hit.document_id, index=hit.index)


def marked(text: str, spans: tuple[Span, ...]) -> Text:
    result = Text(text)
    for start, end in spans:
        result.stylize(MARK, start, end)
    return result


def window(text: str, spans: tuple[Span, ...], cells: int) -> Text:
    """One line of `cells` cells from a little before the first mark (keyword in context)."""
    flat = text.replace("\n", " ")
    start = 0
    if spans and cell_len(flat[: spans[0][1]]) > cells:
        start = spans[0][0]
        while start > 0 and cell_len(flat[start - 1: spans[0][0]]) <= LEAD_CELLS:
            start -= 1
        space = flat.find(" ", start, spans[0][0])
        if start and space >= 0:
            start = space + 1  # begin at a word, not inside one
    shifted = tuple((a - start, b - start) for a, b in spans if b > start)
    line = marked(flat[start:], tuple((max(a, 0), b) for a, b in shifted))
    if start:
        line = Text("…") + line
    line.truncate(cells, overflow="ellipsis")
    return line


def column_widths(total: int, where: int) -> tuple[int, int]:
    """Korean and English cells for a table `total` cells wide (three columns, one cell padding a side)."""
    room = max(total - where - 6, 20)
    korean = room * 2 // 5  # a Korean sentence takes about as many cells as its English, but the English is read
    return korean, room - korean


def fill_hits(table: DataTable, hits, labels: list[str], *, keep: bool) -> int | None:
    """Concordance or archive hits in the table, in columns sized to its width now: where, Korean,
    English, each text cut around its marked words. The row to show in full, or None (no hits, or
    no room yet)."""
    total = table.size.width - 2  # room for the vertical scrollbar
    if total <= 0:
        return None
    row = table.cursor_row if keep else 0
    headers = (_("Where"), _("Korean"), _("English"))
    where = max([cell_len(headers[0]), *map(cell_len, labels)])
    korean, english = column_widths(total, where)
    table.clear(columns=True)
    table.add_column(headers[0], width=where, key="where")
    table.add_column(headers[1], width=korean, key="korean")
    table.add_column(headers[2], width=english, key="english")
    for i, (hit, label) in enumerate(zip(hits, labels)):
        table.add_row(Text(label), window(hit.source, hit.source_spans, korean),
                      window(hit.target or _("(no English yet)"), hit.target_spans, english), key=str(i))
    if not hits:
        return None
    row = min(max(row, 0), len(hits) - 1)
    table.move_cursor(row=row)
    return row


class ConcordanceDialog(Dialog[tuple[int, int] | None]):
    DEFAULT_CSS = """
    ConcordanceDialog > .dialog-box {
        width: 100%;
        max-width: 160;
        height: 100%;
        max-height: 44;
    }
    ConcordanceDialog DataTable {
        height: 1fr;
        min-height: 3;
    }
    ConcordanceDialog #concordance-detail {
        height: auto;
        max-height: 40vh;
        border-top: solid $primary 50%;
        scrollbar-size-vertical: 1;
    }
    """

    class Found(Message):
        def __init__(self, query: str, hits: list[ConcordanceHit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    def __init__(self, session: Session, query: str = "", *, document_id: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.document_id = document_id  # the document open in the editor: its hits read "seg N"
        self._initial = query
        self._timer = None
        self.hits: list[ConcordanceHit] = []
        self._width = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = _("Concordance: every document and the translation memory")
            yield Input(value=self._initial, placeholder=_("a word or phrase, Korean or English"),
                        id="concordance-query")
            yield Static("", id="concordance-count", markup=False)
            yield DataTable(id="concordance-results", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="concordance-detail"):
                yield Static("", id="concordance-full", markup=False)
            yield Static("", classes="dialog-error banner", markup=False)
            yield Static(_("Enter on a segment opens it · ↓ to the hits · Escape closes"),
                         classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        if self._initial:
            self.search(self._initial)

    def on_resize(self) -> None:
        if self.query_one(DataTable).size.width != self._width:
            self._fill(keep=True)

    @on(Input.Changed, "#concordance-query")
    def typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.search(event.value))

    @on(Input.Submitted, "#concordance-query")
    def to_hits(self) -> None:
        if self.hits:
            self.query_one(DataTable).focus()

    @work(thread=True, exclusive=True, group="concordance")
    def search(self, query: str) -> None:
        if not query.strip():
            self.post_message(self.Found(query, []))
            return
        try:
            with self.session.workspace() as workspace:
                hits = workspace.tm.concordance(query)
        except TandemError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Found(query, hits))

    def on_concordance_dialog_found(self, message: Found) -> None:
        if message.query != self.query_one("#concordance-query", Input).value:
            return  # an answer to something the person has since typed over
        self.hits = message.hits
        self.show_error("")
        self._fill(keep=False)
        documents = sum(1 for h in self.hits if h.kind == DOCUMENT)
        memory = len(self.hits) - documents
        self.query_one("#concordance-count", Static).update(
            ngettext("{count} segment", "{count} segments", documents).format(count=format_number(documents))
            + " · " + ngettext("{count} TM unit", "{count} TM units", memory).format(count=format_number(memory))
            if message.query.strip() else "")

    def _fill(self, *, keep: bool) -> None:
        """Lay the hits out in columns sized to the table's width now (on each resize too)."""
        table = self.query_one(DataTable)
        self._width = table.size.width
        labels = [where_label(h, self.document_id) for h in self.hits]
        row = fill_hits(table, self.hits, labels, keep=keep)
        if row is not None:
            self.show_hit(self.hits[row])
        elif table.size.width > 2:
            self.query_one("#concordance-full", Static).update("")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.hits):
            self.show_hit(self.hits[event.cursor_row])

    def show_hit(self, hit: ConcordanceHit) -> None:
        head = (_("Document {id} «{title}», segment {index}").format(id=hit.document_id, title=hit.title,
                                                                     index=hit.index)
                if hit.kind == DOCUMENT else _("Translation memory ({origin})").format(origin=hit.origin))
        self.query_one("#concordance-full", Static).update(Text("\n").join([
            Text(head, style="bold"), marked(hit.source, hit.source_spans),
            marked(hit.target, hit.target_spans) if hit.target else Text(_("(no English yet)"), style="italic")]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        hit = self.hits[event.cursor_row] if 0 <= event.cursor_row < len(self.hits) else None
        if hit is None:
            return
        if hit.where is None:
            self.notify(_("A translation-memory unit has no segment to open."))
            return
        self.dismiss(hit.where)

    def on_dialog_failed(self, message: Dialog.Failed) -> None:
        self.show_error(message.problem)
