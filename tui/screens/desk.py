"""The desk view (issue 17 §1): every document in flight, late first, then soonest due, with its
state, who holds it now, how many Korean words are left and its open queries; below it, where the
terminal has room, the desk in numbers (the stats panel).

What a row says (late, holder, words left) is ws.desk's answer; this screen only lays it out. It
re-reads on the same live path as every other screen, so a save or an assignment elsewhere shows.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui.cells import first_words
from tui.live import WorkspaceChanged
from tui.session import Session
from tui.widgets.keys_footer import LocalizedFooter
from tui.widgets.pick_table import PickTable
from tui.widgets.stats_panel import StatsPanel
from workflow.errors import TandemError
from workflow.i18n import N_, _, format_number, ngettext
from workflow.names import name

MIN_TITLE_CELLS = 16
STATS_FROM_HEIGHT = 36  # below this the table keeps the whole screen: the numbers have their own (s)


def desk_cells(row: Any, wide: bool) -> dict[str, Text]:
    """Every column but the title, as the screen shows them: on a narrow terminal a late row's due
    column says how late it is instead, and the holder goes without their role."""
    holder = row.holder or _("unassigned")
    if wide and row.holder_role is not None:
        holder = f"{holder} ({name(row.holder_role)})"
    late = Text(row.late_text, style="bold red")
    cells = {
        "late": late, "due": Text(row.due_text) if wide or not row.late else late,
        "priority": Text(row.priority_text, style="bold" if row.assignment.priority == "breaking" else ""),
        "id": Text(str(row.summary.id), justify="right"), "state": Text(name(row.state)), "holder": Text(holder),
        "words": Text(format_number(row.words_left), justify="right"),
        "queries": Text(format_number(row.open_queries), justify="right"),
    }
    return {key: cells[key] for key, _header in columns(wide)}


# (key, header) before the title, then after it; a narrow terminal keeps what a desk scans for.
_WIDE = ((("late", N_("Late")), ("due", N_("Due")), ("priority", N_("Priority")), ("id", N_("ID"))),
         (("state", N_("State")), ("holder", N_("Holder")), ("words", N_("Words left")), ("queries", N_("Queries"))))
_NARROW = ((("due", N_("Due")), ("id", N_("ID"))),
           (("holder", N_("Holder")), ("words", N_("Words left")), ("queries", N_("Queries"))))
WIDE_FROM = 120


def columns(wide: bool) -> tuple[tuple[str, str], ...]:
    before, after = _WIDE if wide else _NARROW
    return before + after


class DeskScreen(Screen[None]):
    DEFAULT_CSS = """
    DeskScreen #desk-table {
        height: 1fr;
    }
    DeskScreen.with-stats #desk-table {
        height: 1fr;
        max-height: 50%;
    }
    DeskScreen #desk-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    DeskScreen StatsPanel {
        height: 1fr;
        border-top: solid $primary-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", description=N_("Back")),
        Binding("a", "assign", description=N_("Assign"),
                tooltip=N_("Give the highlighted document its translator, editor, due time and priority")),
        Binding("r", "reload", description=N_("Reload"), tooltip=N_("Read the desk again")),
    ]

    class Loaded(Message):
        def __init__(self, rows: list, stats: Any, users: list, can_assign: bool) -> None:
            super().__init__()
            self.rows = rows
            self.stats = stats
            self.users = users
            self.can_assign = can_assign

    class LoadFailed(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.title = _("The desk")
        self.rows: list = []
        self._shown: list[dict] = []
        self._users: list = []
        self._can_assign = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield PickTable(id="desk-table")
        yield Static(_("Reading the desk…"), id="desk-status", markup=False)
        yield StatsPanel(id="desk-stats")
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self._fit_stats()
        self.query_one("#desk-table").focus()
        self.load()

    def on_resize(self) -> None:
        self._fit_stats()
        if self.rows:
            self._fill()

    def _fit_stats(self) -> None:
        room = self.size.height >= STATS_FROM_HEIGHT
        self.set_class(room, "with-stats")
        self.query_one(StatsPanel).display = room

    def action_back(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden, not greyed out, for whoever may not assign: the workspace would refuse them.
        return self._can_assign if action == "assign" else True

    def action_assign(self) -> None:
        from tui.widgets.assign_dialog import AssignDialog

        table = self.query_one("#desk-table", DataTable)
        if not table.row_count or not self._can_assign:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        row = next(row for row in self.rows if str(row.summary.id) == key)
        self.app.push_screen(AssignDialog(self.session, row, self._users), self._assigned)

    def _assigned(self, stored: bool | None) -> None:
        if stored:
            self.load()

    def action_reload(self) -> None:
        self.load()

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="desk")
    def load(self) -> None:
        try:
            with self.session.workspace() as workspace:
                rows = workspace.desk.desk()
                stats = workspace.stats.desk() if self.size.height >= STATS_FROM_HEIGHT else None
                users = workspace.users.all()
                can_assign = workspace.review.permissions(self.session.user).may("assign")
        except TandemError as exc:
            self.post_message(self.LoadFailed(str(exc)))
            return
        self.post_message(self.Loaded(rows, stats, users, can_assign))

    def on_desk_screen_loaded(self, message: Loaded) -> None:
        self._users = message.users
        if message.can_assign != self._can_assign:
            self._can_assign = message.can_assign
            self.refresh_bindings()
        if message.stats is not None:
            self.query_one(StatsPanel).show(message.stats)
        shown = [row.to_json() for row in message.rows]
        if shown == self._shown and message.rows:
            return  # re-read after a change elsewhere that moved nothing here
        self.rows, self._shown = message.rows, shown
        self._fill()
        late = sum(1 for row in self.rows if row.late)
        count = len(self.rows)
        status = (ngettext("{count} document in flight", "{count} documents in flight", count).format(
            count=format_number(count)) if count else _("No document is in flight."))
        if late:
            status += " · " + ngettext("{count} late", "{count} late", late).format(count=format_number(late))
        self.query_one("#desk-status", Static).update(status)

    def on_desk_screen_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#desk-status", Static).update(message.problem)
        self.notify(message.problem, title=_("Cannot read the desk"), severity="error")

    def _fill(self) -> None:
        table = self.query_one("#desk-table", DataTable)
        keep = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        wide = self.size.width >= WIDE_FROM
        before, after = _WIDE if wide else _NARROW
        cells = [desk_cells(row, wide) for row in self.rows]
        widths = [max([cell_len(_(header)), *(cell_len(c[key].plain) for c in cells)])
                  for key, header in before + after]
        scrollbar = 2 if len(self.rows) >= table.size.height else 0
        room = self.size.width - sum(widths) - 2 * (len(widths) + 1) - scrollbar
        title_cells = max(MIN_TITLE_CELLS, room)
        table.clear(columns=True)
        for key, header in before:
            table.add_column(_(header), key=key)
        table.add_column(_("Title"), key="title", width=title_cells)
        for key, header in after:
            table.add_column(_(header), key=key)
        for row, cell in zip(self.rows, cells):
            table.add_row(*(cell[key] for key, _h in before), Text(first_words(row.summary.title, title_cells)),
                          *(cell[key] for key, _h in after), key=str(row.summary.id))
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from tui.screens.document import DocumentScreen

        document_id = int(event.row_key.value)
        title = next(row.summary.title for row in self.rows if row.summary.id == document_id)
        self.app.push_screen(DocumentScreen(self.session, document_id, title))
