"""The document view: a segment list, and the highlighted segment's Korean and English side by side.

Read-only for now; the editor will grow from here. The list is one DataTable (it draws only the
rows in view), never a widget per segment: documents run to thousands of segments.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.cells import first_words
from tui.labels import DOUBTFUL_MARK, state_mark
from tui.session import Session
from workflow.errors import TandemError
from workflow.models import Document, Segment

KOREAN_CELLS = 36
ENGLISH_CELLS = 48
NO_ENGLISH = "(no English yet)"


class DocumentScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", description="Back"),
    ]

    class Loaded(Message):
        def __init__(
            self, document: Document, segments: list[Segment], rows: list[tuple[Text, ...]]
        ) -> None:
            super().__init__()
            self.document = document
            self.segments = segments
            self.rows = rows

    class LoadFailed(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, session: Session, document_id: int, title: str = "") -> None:
        super().__init__()
        self.session = session
        self.document_id = document_id
        self._title = title
        self._segments: list[Segment] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._heading(), id="doc-heading", markup=False)
        yield DataTable(id="segments", cursor_type="row", zebra_stripes=True)
        yield Static("", id="align-note", markup=False)
        with Horizontal(id="texts"):
            with VerticalScroll(id="korean-pane", classes="text-pane"):
                yield Static("", id="korean", markup=False)
            with VerticalScroll(id="english-pane", classes="text-pane"):
                yield Static("", id="english", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#segments", DataTable)
        table.add_column("#", key="index")
        table.add_column("St", key="state")
        table.add_column("Kind", key="kind")
        table.add_column("Korean", key="korean", width=KOREAN_CELLS)
        table.add_column("English", key="english", width=ENGLISH_CELLS)
        self.query_one("#korean-pane").border_title = "Korean"
        self.query_one("#english-pane").border_title = "English"
        self.query_one("#align-note").display = False
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    @work(thread=True, exclusive=True, group="document")
    def load(self) -> None:
        try:
            with self.session.workspace() as workspace:
                document = workspace.document(self.document_id)
                segments = workspace.segments(self.document_id)
        except TandemError as exc:
            self.post_message(self.LoadFailed(str(exc)))
            return
        # Rows are plain data, so the worker formats them and the event loop only adds them.
        self.post_message(self.Loaded(document, segments, [_row(s) for s in segments]))

    def on_document_screen_loaded(self, message: Loaded) -> None:
        self._title = message.document.title
        self._segments = message.segments
        self.query_one("#doc-heading", Static).update(self._heading())
        table = self.query_one("#segments", DataTable)
        table.clear()
        table.add_rows(message.rows)
        if not message.segments:
            self._show(None)

    def on_document_screen_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#doc-heading", Static).update(message.problem)
        self.query_one("#doc-heading").add_class("problem")
        self.notify(message.problem, title="Cannot open the document", severity="error")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self._segments):
            self._show(self._segments[event.cursor_row])

    def _show(self, segment: Segment | None) -> None:
        korean = self.query_one("#korean", Static)
        english = self.query_one("#english", Static)
        note = self.query_one("#align-note", Static)
        if segment is None:
            korean.update("")
            english.update("")
            note.display = False
            return
        korean.update(segment.source)
        english.update(segment.target or NO_ENGLISH)
        english.set_class(not segment.target, "missing")
        where = f"{segment.index}/{len(self._segments)} · {segment.kind.value}"
        self.query_one("#korean-pane").border_title = f"Korean · {where}"
        self.query_one("#english-pane").border_title = f"English · {segment.state.value}"
        note.display = segment.low_confidence
        if segment.align_note is not None:
            note.update(f"⚠ Pairing doubtful: {segment.align_note}")
        for pane in self.query(".text-pane"):
            pane.scroll_home(animate=False)

    def _heading(self) -> str:
        count = f" · {len(self._segments)} segments" if self._segments else ""
        return f"#{self.document_id}  {self._title}{count}"


def _row(segment: Segment) -> tuple[Text, ...]:
    mark = state_mark(segment.state) + (DOUBTFUL_MARK if segment.low_confidence else "")
    return (
        Text(str(segment.index), justify="right"),
        Text(mark),
        Text(segment.kind.value),
        Text(first_words(segment.source, KOREAN_CELLS)),
        Text(first_words(segment.target, ENGLISH_CELLS)),
    )
