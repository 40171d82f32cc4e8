"""The documents screen: every document in the workspace, with progress and who holds which role."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.cells import first_words
from tui.labels import legend, progress_line, roles_line, tags_line
from tui.screens.document import DocumentScreen
from tui.session import Session
from tui.widgets.pick_table import PickTable
from workflow.errors import TandemError
from workflow.models import DocumentSummary

TITLE_CELLS = 48
IMPORT_HINT = (
    "No documents in this workspace yet.\n\n"
    "Import one with  tandem import KO_FILE --english EN_FILE\n"
    "or try the sample with  tandem demo"
)


class DocumentsScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", description="Reload"),
    ]

    class Loaded(Message):
        def __init__(self, summaries: list[DocumentSummary], rows: list[tuple[Text, ...]]) -> None:
            super().__init__()
            self.summaries = summaries
            self.rows = rows

    class LoadFailed(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._titles: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield PickTable(id="documents")
        yield Static(IMPORT_HINT, id="empty-hint", markup=False)
        yield Static("Loading documents…", id="status", markup=False)
        yield Static(legend(), id="legend", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#documents", DataTable)
        table.add_column("ID", key="id")
        table.add_column("Title", key="title", width=TITLE_CELLS)
        table.add_column("Segments", key="segments")
        table.add_column("Progress", key="progress")
        table.add_column("Roles", key="roles")
        # Last: tag lists run long, and the columns a desk scans for belong on screen first.
        table.add_column("Tags", key="tags")

    def on_screen_resume(self) -> None:
        # Also on first display; coming back from a document refreshes its progress.
        self.load()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="documents")
    def load(self) -> None:
        try:
            with self.session.workspace() as workspace:
                summaries = workspace.documents()
        except TandemError as exc:
            self.post_message(self.LoadFailed(str(exc)))
            return
        self.post_message(self.Loaded(summaries, [_row(summary) for summary in summaries]))

    def on_documents_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one("#documents", DataTable)
        keep = self._highlighted_key(table)
        table.clear()
        self._titles = {s.id: s.title for s in message.summaries}
        for summary, row in zip(message.summaries, message.rows):
            table.add_row(*row, key=str(summary.id))
        empty = not message.summaries
        table.display = not empty
        self.query_one("#legend").display = not empty
        self.query_one("#empty-hint").display = empty
        count = len(message.summaries)
        self._status("" if empty else f"{count} document{'s' if count != 1 else ''}")
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))

    def on_documents_screen_load_failed(self, message: LoadFailed) -> None:
        self._status(message.problem, problem=True)
        self.notify(message.problem, title="Cannot list documents", severity="error")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        document_id = int(event.row_key.value)
        self.app.push_screen(DocumentScreen(self.session, document_id, self._titles[document_id]))

    def _highlighted_key(self, table: DataTable) -> str | None:
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _status(self, text: str, *, problem: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(problem, "problem")


def _row(summary: DocumentSummary) -> tuple[Text, ...]:
    # Text cells, because DataTable reads plain str cells as markup and titles may hold [brackets].
    return (
        Text(str(summary.id), justify="right"),
        Text(first_words(summary.title, TITLE_CELLS)),
        Text(str(summary.segment_count), justify="right"),
        Text(progress_line(summary.progress)),
        Text(roles_line(summary.roles)),
        Text(tags_line(summary.document.tags)),
    )
