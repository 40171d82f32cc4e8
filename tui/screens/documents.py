"""The documents screen: every document in the workspace, with progress and who holds which role.

As an editor's review queue (workflow.home), the same list holds only the documents waiting for
review, the longest-waiting first, and a row opens the review screen instead of the editor."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui.cells import first_words
from tui.labels import legend, progress_line, roles_line, tags_line
from tui.live import WorkspaceChanged
from tui.screens.document import DocumentScreen
from tui.session import Session
from tui.widgets.import_dialog import ImportDialog, Imported
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.pick_table import PickTable
from workflow.errors import TandemError
from workflow.i18n import N_, _, format_datetime, format_number, ngettext
from workflow.models import IMPORT, DocumentSummary

TITLE_CELLS = 48
MIN_TITLE_CELLS = 20
MIN_TAGS_CELLS = 12
IMPORT_HINT = N_(
    "No documents in this workspace yet.\n\n"
    "{press}Import one with  tandem import KO_FILE --english EN_FILE\n"
    "or try the sample with  tandem demo"
)
PRESS_I = N_("Press  i  to import a file here.\n")
QUEUE_LINES, QUEUE_LINES_SMALL = 6, 3  # items of my queue shown above the list, by terminal height
QUEUE_EMPTY = N_("Nothing is waiting for review.\n\n"
                 "A document joins this queue when its translator signs it off.\n"
                 "Press  a  for all documents.")


class DocumentsScreen(Screen):
    DEFAULT_CSS = """
    DocumentsScreen #my-queue {
        display: none;
        height: auto;
        padding: 0 1 1 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # The app's palette lists these by tooltip, so the tooltip says what the key does in full.
        Binding("i", "import", description=N_("Import"),
                tooltip=N_("Import a Korean file, and its English draft if there is one")),
        Binding("r", "reload", description=N_("Reload"), tooltip=N_("Reload the documents list")),
        Binding("v", "review", description=N_("Review"),
                tooltip=N_("Review the highlighted document: diffs, approvals, sign-off")),
        Binding("g", "glossary", description=N_("Glossary"), tooltip=N_("Browse and maintain the house glossary")),
        Binding("p", "pairing", description=N_("Pairing"),
                tooltip=N_("The highlighted document's doubtful pairings, to put right")),
        Binding("a", "all_documents", description=N_("All documents"),
                tooltip=N_("Every document in the workspace, not only those waiting for review")),
        Binding("slash", "search", description=N_("Search"),
                tooltip=N_("Search the Korean and English of every document")),
        Binding("s", "stats", description=N_("Stats"),
                tooltip=N_("The desk in numbers: articles per day and per person, time to sign-off, effort")),
        Binding("d", "desk", description=N_("Desk"),
                tooltip=N_("Every document in flight: state, holder, due time, words left, queries; late first")),
    ]

    class Loaded(Message):
        def __init__(
            self, summaries: list[DocumentSummary], rows: list[tuple[Text, ...]], can_import: bool,
            queue: list | None = None,
        ) -> None:
            super().__init__()
            self.summaries = summaries  # in the review queue, in its order
            self.rows = rows
            self.can_import = can_import
            self.queue = queue or []  # what waits for me (ws.desk.queue), soonest due first

    class LoadFailed(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, session: Session, *, queue: bool = False) -> None:
        """`queue`: the review queue (documents waiting for review, oldest first) instead of all."""
        super().__init__()
        self.session = session
        self._queue = queue
        if queue:
            self.title = _("Review queue")
        self._summaries: list[DocumentSummary] = []
        self._rows: list[tuple[Text, ...]] = []
        self._cells = (0, 0)  # title and tags widths the rows were cut to
        self._can_import = False
        self._select_next: str | None = None  # a row to put the cursor on once the list is in

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="my-queue", markup=False)
        yield PickTable(id="documents")
        yield Static(_(IMPORT_HINT).format(press=""), id="empty-hint", markup=False)
        yield Static(_("Loading documents…"), id="status", markup=False)
        yield Static(legend(), id="legend", markup=False)
        yield KeysFooter()  # wraps onto a second line rather than cut keys off at 80 columns

    def on_resize(self) -> None:
        if self._summaries and self._fit() != self._cells:
            self._fill(self._highlighted_key(self.query_one("#documents", DataTable)))

    def on_screen_resume(self) -> None:
        # Also on first display; coming back from a document refreshes its progress.
        self.load()

    def action_glossary(self) -> None:
        from tui.screens.glossary import GlossaryScreen

        self.app.push_screen(GlossaryScreen(self.session))

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.session))

    def action_desk(self) -> None:
        from tui.screens.desk import DeskScreen

        self.app.push_screen(DeskScreen(self.session))

    def action_stats(self) -> None:
        from tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.session))

    def action_review(self) -> None:
        from tui.screens.review import ReviewScreen

        table = self.query_one("#documents", DataTable)
        key = self._highlighted_key(table)
        if key is None:
            self.notify(_("No document to review yet."), severity="warning")
            return
        self.app.push_screen(ReviewScreen(self.session, int(key)))

    def action_pairing(self) -> None:
        key = self._highlighted_key(self.query_one("#documents", DataTable))
        if key is None:
            self.notify(_("No document yet."), severity="warning")
            return
        self._open_pairing(int(key))

    def _open_pairing(self, document_id: int) -> None:
        from tui.screens.pairing import PairingScreen

        def picked(index: int | None) -> None:
            if index is not None:  # a segment chosen there opens in the editor
                self.app.push_screen(DocumentScreen(self.session, document_id, start_at=index))

        self.app.push_screen(PairingScreen(self.session, document_id), picked)

    def action_all_documents(self) -> None:
        self.app.push_screen(DocumentsScreen(self.session))

    def action_reload(self) -> None:
        self.load()

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        self.load()  # someone saved, imported or signed off: progress and roles may have moved

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden, not greyed out: a terminologist has no use for it, and the workspace would refuse.
        if action == "import":
            return self._can_import
        return self._queue if action == "all_documents" else True

    def action_import(self) -> None:
        if self._can_import:
            self.app.push_screen(ImportDialog(self.session), self._imported)

    def _imported(self, imported: Imported | None) -> None:
        if imported is None or imported.document_id is None:
            return
        self._select_next = str(imported.document_id)
        self.load()
        if imported.doubtful:  # put the pairing right before anyone translates on top of it
            self._open_pairing(imported.document_id)

    @work(thread=True, exclusive=True, group="documents")
    def load(self) -> None:
        try:
            with self.session.workspace() as workspace:
                if self._queue:
                    waiting = workspace.review.queue()
                    summaries, since = [w.summary for w in waiting], [w.since for w in waiting]
                else:
                    summaries, since = workspace.documents.all(), []
                can_import = workspace.review.permissions(self.session.user).may(IMPORT)
                queue = workspace.desk.queue(self.session.user)
        except TandemError as exc:
            self.post_message(self.LoadFailed(str(exc)))
            return
        rows = ([_row(summary, waited) for summary, waited in zip(summaries, since)] if self._queue
                else [_row(summary) for summary in summaries])
        self.post_message(self.Loaded(summaries, rows, can_import, queue))

    def on_documents_screen_loaded(self, message: Loaded) -> None:
        self._show_queue(message.queue)
        table = self.query_one("#documents", DataTable)
        if message.summaries and (message.summaries, message.can_import) == (self._summaries, self._can_import):
            return  # re-read after a change elsewhere: nothing here moved, so nothing is redrawn
        keep = self._select_next or self._highlighted_key(table)
        self._select_next = None
        if message.can_import != self._can_import:
            self._can_import = message.can_import
            self.refresh_bindings()
        self._summaries, self._rows = message.summaries, message.rows
        self._fill(keep)
        empty = not message.summaries
        table.display = not empty
        self.query_one("#legend", Static).update(legend(any(s.conflicts for s in message.summaries),
                                                        any(s.locked for s in message.summaries)))
        self.query_one("#legend").display = not empty
        hint = self.query_one("#empty-hint", Static)
        hint.update(_(QUEUE_EMPTY) if self._queue else
                    _(IMPORT_HINT).format(press=_(PRESS_I) if self._can_import else ""))
        hint.display = empty
        count = len(message.summaries)
        counted = (ngettext("{count} document waiting for review, the longest-waiting first",
                            "{count} documents waiting for review, the longest-waiting first", count)
                   if self._queue else ngettext("{count} document", "{count} documents", count))
        self._status("" if empty else counted.format(count=format_number(count)))

    def _show_queue(self, queue: list) -> None:
        """My queue above the list: what waits for me, soonest due first, late items marked."""
        box = self.query_one("#my-queue", Static)
        box.display = bool(queue)
        if not queue:
            return
        most = QUEUE_LINES if self.size.height >= 30 else QUEUE_LINES_SMALL
        text = Text(ngettext("My queue: {count} document waiting for me", "My queue: {count} documents waiting for me",
                             len(queue)).format(count=format_number(len(queue))), style="bold")
        width = max(self.size.width - 4, 20)
        shown = queue[:most]
        # First how late, or when due: the column the queue is ordered by, padded to one width.
        when = [item.row.late_text or (_("due {time}").format(time=item.row.due_text) if item.row.due_text else "")
                for item in shown]
        lead = max(cell_len(w) for w in when)
        for item, first in zip(shown, when):
            line = Text("\n")
            line.append(first + " " * (lead - cell_len(first) + 2), style="bold red" if item.row.late else "")
            tail = f" · {item.what}"
            title = f"{item.summary.id} {item.summary.title}"
            line.append(first_words(title, max(width - lead - 2 - cell_len(tail), 12)))
            line.append(tail, style="dim")
            text.append_text(line)
        if len(queue) > most:
            text.append("\n" + _("and {count} more: d for the desk").format(count=format_number(len(queue) - most)),
                        style="dim")
        box.update(text)

    def _fill(self, keep: str | None) -> None:
        table = self.query_one("#documents", DataTable)
        self._cells = title_cells, tag_cells = self._fit()
        # Every column's width given, none measured by the table: a table drawn before a late load's
        # rows were measured kept its columns as narrow as their headers.
        fixed = iter(self._fixed_widths())
        table.clear(columns=True)
        table.add_column(_("ID"), key="id", width=next(fixed))
        table.add_column(_("Title"), key="title", width=title_cells)
        table.add_column(_("Segments"), key="segments", width=next(fixed))
        table.add_column(_("Progress"), key="progress", width=next(fixed))
        table.add_column(_("Roles"), key="roles", width=next(fixed))
        if self._queue:
            table.add_column(_("Waiting since"), key="since", width=next(fixed))
        # Last: tag lists run long, and the columns a desk scans for belong on screen first.
        table.add_column(_("Tags"), key="tags", width=tag_cells)
        for summary, row in zip(self._summaries, self._rows):
            title = Text(first_words(summary.title, title_cells))
            tags = Text(first_words(tags_line(summary.document.tags), tag_cells))
            table.add_row(row[0], title, *row[1:], tags, key=str(summary.id))
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))

    def _fixed_widths(self) -> list[int]:
        """Cells of the columns that are never cut (ID, segments, progress, roles, waiting since)."""
        headers = (_("ID"), _("Segments"), _("Progress"), _("Roles"), *((_("Waiting since"),) if self._queue else ()))
        return [max([cell_len(header), *(cell_len(row[i].plain) for row in self._rows)])
                for i, header in enumerate(headers)]

    def _fit(self) -> tuple[int, int]:
        """Title and tags cells that keep every column on screen, down to a readable minimum."""
        widths = [width + 2 for width in self._fixed_widths()]  # each with its cell padding
        table = self.query_one("#documents", DataTable)
        scrollbar = table.styles.scrollbar_size_vertical if len(self._rows) >= table.size.height else 0
        room = self.size.width - sum(widths) - 2 * 2 - scrollbar  # less title and tags padding
        if room < MIN_TITLE_CELLS + MIN_TAGS_CELLS:
            # Too narrow for both: the tags column starts right at the edge, to scroll to.
            return max(MIN_TITLE_CELLS, room + 2), MIN_TAGS_CELLS
        title = min(TITLE_CELLS, room - MIN_TAGS_CELLS)
        return title, room - title

    def on_documents_screen_load_failed(self, message: LoadFailed) -> None:
        self._status(message.problem, problem=True)
        self.notify(message.problem, title=_("Cannot list documents"), severity="error")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        document_id = int(event.row_key.value)
        if self._queue:
            from tui.screens.review import ReviewScreen

            self.app.push_screen(ReviewScreen(self.session, document_id))
            return
        title = next(s.title for s in self._summaries if s.id == document_id)
        self.app.push_screen(DocumentScreen(self.session, document_id, title))

    def _highlighted_key(self, table: DataTable) -> str | None:
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _status(self, text: str, *, problem: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(problem, "problem")


def _row(summary: DocumentSummary, since: str | None = None) -> tuple[Text, ...]:
    """ID, segments, progress, roles (and in the review queue, waiting since): title and tags are cut
    to the width the screen leaves."""
    # Text cells, because DataTable reads plain str cells as markup and titles may hold [brackets].
    return (
        Text(str(summary.id), justify="right"),
        Text(str(summary.segment_count), justify="right"),
        Text(progress_line(summary.progress, summary.conflicts, summary.locked)
             + ("  " + _("published") if summary.published_at else "")),
        Text(roles_line(summary.roles)),
        *((Text(format_datetime(since)),) if since is not None else ()),
    )
