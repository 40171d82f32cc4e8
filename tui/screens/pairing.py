"""The pairing screen: a document's doubtful pairings, Korean beside English, to put right (issue 19).

The list holds the segments the import marked doubtful, each with the segments either side of it
(dimmed) so an English one off shows as such; `a` lists every segment. Below, the highlighted
segment whole, with why its pairing is doubtful. d, u, j and s move English as the editor's alt keys
do, each asking first in the same dialog (tui/widgets/pairing_dialog.py); z undoes the last move
made here (itself a move, asked like one); o says the highlighted doubtful pairing is right as it is
(its mark goes, as a move clears the marks of the segments it changes). Reached from the editor
(alt+p) and the documents screen (p); dismissed with the segment to open in the editor, or None. Reads and writes run on worker
threads, each with its own Workspace; only the screen touches widgets.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui.labels import DOUBTFUL_MARK, state_mark
from tui.screens.editor_keys import PAIRING_HELP
from tui.live import WorkspaceChanged
from tui.session import Session
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.pairing_dialog import one_cell, text_cells
from tui.widgets.pairing_dialog import PairingDialog
from workflow.errors import InputError, TandemError
from workflow.i18n import N_, _, ngettext
from workflow.models import EDIT, NOBODY, EditGuard, Move, Operation, Permissions, Plan, Repaired, Segment, plan, shown

FIXED_CELLS = (4 + 2) + (3 + 2)  # the number and mark columns, each with its padding


class PairingScreen(Screen[int | None]):
    DEFAULT_CSS = """
    PairingScreen #pairing-list {
        height: 1fr;
        min-height: 4;
    }
    PairingScreen #pairing-note {
        height: auto;
        padding: 0 1;
        background: $warning-muted;
        color: $text-warning;
    }
    PairingScreen #pairing-whole {
        height: auto;
        max-height: 40%;
        border-top: round $primary 50%;
        border-title-color: $text-primary;
    }
    PairingScreen #pairing-whole Horizontal {
        height: auto;
    }
    PairingScreen #pairing-whole Static {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    PairingScreen #pairing-status {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    PairingScreen #pairing-status.problem {
        color: $error;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to where you came from")),
        Binding("d", "move('down')", N_("Down"),
                tooltip=PAIRING_HELP["down"]),
        Binding("u", "move('up')", N_("Up"),
                tooltip=PAIRING_HELP["up"]),
        Binding("j", "move('join')", N_("Join"),
                tooltip=PAIRING_HELP["join"]),
        Binding("s", "move('split')", N_("Split"),
                tooltip=N_("Pairing: split this segment's English between sentences (the dialog moves the cut)")),
        Binding("o", "confirm_pair", N_("Pair is right"),
                tooltip=PAIRING_HELP["ok"]),
        Binding("z", "undo", N_("Undo"), tooltip=N_("Undo the last move made here (asked like any move)")),
        Binding("a", "toggle_all", N_("All"), tooltip=N_("List every segment, or only the doubtful pairings")),
        Binding("e", "edit", N_("Edit"), tooltip=N_("Open the highlighted segment in the editor")),
    ]

    class Loaded(Message):
        def __init__(self, title: str, segments: list[Segment], guard: EditGuard, permissions: Permissions) -> None:
            super().__init__()
            self.title, self.segments, self.guard, self.permissions = title, segments, guard, permissions

    class Moved(Message):
        def __init__(self, repaired: Repaired | None, problem: str | None = None) -> None:
            super().__init__()
            self.repaired, self.problem = repaired, problem

    class Confirmed(Message):
        def __init__(self, segment: Segment) -> None:
            super().__init__()
            self.segment = segment

    def __init__(self, session: Session, document_id: int, *, at: int | None = None) -> None:
        """`at`: the segment to start on (the editor's segment in hand), where it is listed."""
        super().__init__()
        self.session = session
        self.document_id = document_id
        self.segments: list[Segment] = []
        self.guard = EditGuard({}, ())
        self.permissions = NOBODY
        self.show_all = False
        self.undo: tuple[Operation, ...] = ()  # what undoes the last move made here
        self._undoing: list[Operation] = []  # the moves of an undo still to ask about
        self._at = at
        self._then: int | None = None  # the segment to highlight once the list is read again
        self._moving = False
        self._cells = 30

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="pairing-list", cursor_type="row", zebra_stripes=True)
        yield Static("", id="pairing-note", markup=False)
        with VerticalScroll(id="pairing-whole"):
            with Horizontal():
                yield Static("", id="pairing-korean", markup=False)
                yield Static("", id="pairing-english", markup=False)
        yield Static(_("Loading…"), id="pairing-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = _("Pairing")
        self.query_one("#pairing-note").display = False
        self.query_one("#pairing-whole").border_title = _("Korean | English")
        self.load()

    def on_resize(self) -> None:
        if self.segments and text_cells(self.size.width, 2, FIXED_CELLS) != self._cells:
            self._fill(self._highlighted())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "undo"):
            if not self.permissions.may(EDIT):
                return False  # not offered: the Workspace would refuse it anyway
            return bool(self.undo) if action == "undo" else True
        if action == "confirm_pair":  # offered on a doubtful pairing only
            if not self.permissions.may(EDIT) or not self.segments:
                return False
            index = self._highlighted()
            return index is not None and self.segments[index - 1].low_confidence
        return True

    # reading ---------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="pairing-load")
    def load(self) -> None:
        try:
            with self.session.workspace() as workspace:
                title = workspace.documents.get(self.document_id).title
                segments = workspace.documents.segments(self.document_id)
                guard = workspace.review.edit_guard(self.document_id)
                permissions = workspace.review.permissions(self.session.user, self.document_id)
        except TandemError as exc:
            self.post_message(self.Moved(None, str(exc)))
            return
        self.post_message(self.Loaded(title, segments, guard, permissions))

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        if not self._moving:
            self.load()  # someone else moved or saved English: the list shows it

    def on_pairing_screen_loaded(self, message: Loaded) -> None:
        self.sub_title = f"#{self.document_id} {message.title}"
        first = not self.segments
        self.segments, self.guard, self.permissions = message.segments, message.guard, message.permissions
        keep, self._then = self._then or self._highlighted() or self._at, None
        if first and keep is None:
            keep = next((s.index for s in self.segments if s.low_confidence), 1)
        self._fill(keep)
        self.refresh_bindings()
        if self._undoing:
            self._ask(self._undoing.pop(0), undo=True)

    # the list ----------------------------------------------------------------------------------------

    def _listed(self) -> list[tuple[Segment, bool]]:
        """(segment, whether it is one of the doubtful) in order: every segment, or the doubtful ones
        with their neighbours (the English one off shows beside them)."""
        doubtful = {s.index for s in self.segments if s.low_confidence}
        if self.show_all or not doubtful:
            return [(s, s.index in doubtful) for s in self.segments]
        near = {j for i in doubtful for j in (i - 1, i, i + 1) if 1 <= j <= len(self.segments)}
        return [(self.segments[j - 1], j in doubtful) for j in sorted(near)]

    def _fill(self, keep: int | None) -> None:
        table = self.query_one("#pairing-list", DataTable)
        self._cells = cells = text_cells(self.size.width or self.app.size.width, 2, FIXED_CELLS)
        table.clear(columns=True)
        table.add_column("#", key="index", width=4)
        table.add_column("", key="mark", width=3)
        table.add_column(_("Korean"), key="korean", width=cells)
        table.add_column(_("English"), key="english", width=cells)
        listed = self._listed()
        for segment, doubtful in listed:
            style = "" if doubtful or self.show_all else "dim"
            mark = (DOUBTFUL_MARK if doubtful else " ") + state_mark(segment.state)
            table.add_row(Text(f"{segment.index:>3}", style=style), Text(mark, style=style),
                          one_cell(segment.source, cells), one_cell(segment.target, cells), key=str(segment.index))
        indexes = [s.index for s, _doubtful in listed]
        if keep is not None and keep in indexes:
            table.move_cursor(row=indexes.index(keep))
        self._whole()
        self._status()

    def _highlighted(self) -> int | None:
        table = self.query_one("#pairing-list", DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _whole(self) -> None:
        index = self._highlighted()
        note = self.query_one("#pairing-note", Static)
        if index is None:
            note.display = False
            return
        segment = self.segments[index - 1]
        note.display = segment.low_confidence
        if segment.align_note:
            note.update("⚠ " + _("Pairing doubtful: {note}").format(note=shown(segment.align_note)))
        self.query_one("#pairing-whole").border_title = _("Segment {index}: Korean | English").format(index=index)
        self.query_one("#pairing-korean", Static).update(Text(segment.source))
        self.query_one("#pairing-english", Static).update(
            Text(segment.target) if segment.target.strip() else Text(_("(no English)"), style="dim"))

    def _status(self, said: str = "", *, problem: bool = False) -> None:
        doubtful = sum(1 for s in self.segments if s.low_confidence)
        if not said:
            counted = ngettext("{count} doubtful pairing", "{count} doubtful pairings", doubtful).format(count=doubtful)
            shown_now = (_("every segment listed (a: only the doubtful)") if self.show_all or not doubtful
                         else _("listed with the segments either side (a: every segment)"))
            said = f"{counted} · {shown_now}"
        status = self.query_one("#pairing-status", Static)
        status.update(said)
        status.set_class(problem, "problem")

    @on(DataTable.RowHighlighted, "#pairing-list")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._whole()
        self.refresh_bindings()  # o is offered on a doubtful pairing only

    @on(DataTable.RowSelected, "#pairing-list")
    def selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self._fill(self._highlighted())

    def action_edit(self) -> None:
        index = self._highlighted()
        if index is not None:
            self.dismiss(index)

    def action_back(self) -> None:
        if not self._moving:
            self.dismiss(None)

    # moving English --------------------------------------------------------------------------------

    def action_move(self, move: str) -> None:
        index = self._highlighted()
        if index is None or self._moving or not self.permissions.may(EDIT):
            return
        self._ask(Operation(Move(move), index, at=1 if move == Move.SPLIT else None))

    def action_undo(self) -> None:
        if self.undo and not self._moving and self.permissions.may(EDIT):
            self._undoing = list(self.undo)
            self._ask(self._undoing.pop(0), undo=True)

    def _ask(self, operation: Operation, *, undo: bool = False) -> None:
        try:
            plan(self.segments, operation)
        except InputError as exc:
            self._undoing = []
            self._status(str(exc), problem=True)
            self.app.bell()
            return

        def answered(agreed: Plan | None) -> None:
            if agreed is None:
                self._undoing = []
                return
            self._moving = True
            self._status(_("Moving English between segments…"))
            self.write(agreed, undo)

        self.app.push_screen(PairingDialog(self.segments, operation, self.guard), answered)

    @work(thread=True, exclusive=True, group="pairing-write")
    def write(self, agreed: Plan, undo: bool) -> None:
        try:
            with self.session.workspace() as workspace:
                repaired = workspace.pairing.apply(self.document_id, agreed.operation, by=self.session.user,
                                                   expect={row.index: row.before for row in agreed.rows})
        except Exception as exc:  # noqa: BLE001 - shown on screen, never as a traceback
            self.post_message(self.Moved(None, _problem(exc)))
            return
        self.post_message(self.Moved(repaired))

    def on_pairing_screen_moved(self, message: Moved) -> None:
        self._moving = False
        if message.repaired is None:
            self._undoing = []
            self._status(message.problem or "", problem=True)
            self.app.bell()
            return
        found = message.repaired.plan
        self.undo = found.undo
        self._at = found.operation.index
        count = len(found.changed)
        said = ngettext("{what}: {count} segment changed.", "{what}: {count} segments changed.", count).format(
            what=found.operation.describe(), count=count)
        self.notify(said[:1].upper() + said[1:], title=_("Pairing"), timeout=6)
        if message.repaired.voided:
            self.notify(_("Segments {indexes} had been approved or marked translated; the move sent them back "
                          "to draft.").format(indexes=", ".join(map(str, sorted(message.repaired.voided)))),
                        title=_("Sign-off voided"), severity="warning")
        self.load()

    # a doubtful pairing that is right --------------------------------------------------------------

    def action_confirm_pair(self) -> None:
        index = self._highlighted()
        if (index is None or self._moving or not self.permissions.may(EDIT)
                or not self.segments[index - 1].low_confidence):
            return
        self._moving = True
        self._status(_("Clearing the doubtful mark…"))
        self.write_confirmation(index)

    @work(thread=True, exclusive=True, group="pairing-write")
    def write_confirmation(self, index: int) -> None:
        try:
            with self.session.workspace() as workspace:
                segment = workspace.pairing.confirm(self.document_id, index, by=self.session.user)
        except Exception as exc:  # noqa: BLE001 - shown on screen, never as a traceback
            self.post_message(self.Moved(None, _problem(exc)))
            return
        self.post_message(self.Confirmed(segment))

    def on_pairing_screen_confirmed(self, message: Confirmed) -> None:
        self._moving = False
        index = message.segment.index
        self.notify(_("Segment {index}: the pairing is right; it is no longer marked doubtful.").format(index=index),
                    title=_("Pairing"), timeout=4)
        # On to the next doubtful pairing (the one confirmed may leave the list).
        left = [s.index for s in self.segments if s.low_confidence and s.index != index]
        self._then = next((i for i in left if i > index), left[-1] if left else index)
        self.load()


def _problem(exc: Exception) -> str:
    """Words for the screen: a domain error as it is, anything else plainly described."""
    if isinstance(exc, TandemError):
        return str(exc)
    return _("could not use the workspace ({kind}: {problem})").format(kind=type(exc).__name__, problem=exc)
