"""Asks before English moves between segments, showing the stretch it moves: Korean | now | after.

One row a segment, cut to the columns (Hangul counted in cells); the highlighted row in full below.
For a split, ← and → move the cut between sentences; [ and ] end the stretch a segment earlier or
later, { and } as early or as late as it can (a move down stops by default at the first empty
segment, which it fills; a move up runs to the last). What the move voids
(approvals, sign-offs) is named, and the dialog only answers: the caller writes through its queue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Static

from tui.cells import first_words
from tui.widgets.dialog import Dialog
from workflow.errors import InputError
from workflow.i18n import N_, _
from workflow.models import EditGuard, Move, Operation, Plan, Segment, describe_voids, plan

BOX_CELLS = 160  # the dialog's widest; narrower terminals give it all but a margin
EMPTY = "—"


def text_cells(width: int, columns: int, fixed: int = 0) -> int:
    """Cells for each of `columns` text columns of a DataTable `width` wide, beside `fixed` cells of
    other columns: every column has a cell of padding either side, and a scrollbar takes two."""
    return max(8, (width - fixed - 2 * columns - 2) // columns)


def one_cell(text: str, cells: int) -> Text:
    return Text(first_words(text, cells)) if text.strip() else Text(EMPTY, style="dim")


def sentence(operation: Operation) -> str:
    """The dialog's question: the move in words, as a question."""
    words = operation.describe()
    return _("{move}?").format(move=words[:1].upper() + words[1:])


def undo_words(found: Plan) -> str:
    if not found.undo:
        return _("No move undoes this (a joint falls inside a sentence); every segment's history keeps its text.")
    return _("To undo: {moves}.").format(moves=_(", then ").join(u.describe() for u in found.undo))


class PairingDialog(Dialog[Plan]):
    """Dismisses with the plan agreed to (its operation resolved, its rows what was shown), or None."""

    DEFAULT_CSS = """
    PairingDialog #pairing-box {
        width: 96%;
        max-width: 160;  /* BOX_CELLS */
    }
    PairingDialog #pairing-voids {
        height: auto;
        color: $text-warning;
        background: $warning-muted;
        padding: 0 1;
    }
    PairingDialog #pairing-rows {
        height: auto;
        max-height: 40vh;
    }
    PairingDialog #pairing-detail {
        height: auto;
        max-height: 24vh;
        margin-top: 1;
    }
    PairingDialog #pairing-detail Horizontal {
        height: auto;
    }
    PairingDialog #pairing-detail Static {
        width: 1fr;
        height: auto;
        padding: 0 1 0 0;
    }
    PairingDialog #pairing-undo {
        height: auto;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "apply", N_("Move"), tooltip=N_("Make the move: a new revision of every segment it changes")),
        Binding("n,escape", "cancel", N_("Cancel")),
        # priority: the table would take them to scroll sideways.
        Binding("left", "cut(-1)", N_("Cut earlier"), priority=True,
                tooltip=N_("Split one sentence earlier")),
        Binding("right", "cut(1)", N_("Cut later"), priority=True, tooltip=N_("Split one sentence later")),
        Binding("left_square_bracket", "reach(-1)", N_("Shorter"), key_display="[",
                tooltip=N_("End the stretch that moves one segment earlier")),
        Binding("right_square_bracket", "reach(1)", N_("Longer"), key_display="]",
                tooltip=N_("End the stretch that moves one segment later")),
        Binding("left_curly_bracket", "reach(-100000)", N_("Shortest"), key_display="{",
                tooltip=N_("Move as few segments as the move allows")),
        Binding("right_curly_bracket", "reach(100000)", N_("Longest"), key_display="}",
                tooltip=N_("Move every segment down to the last")),
    ]

    def __init__(self, segments: Sequence[Segment], operation: Operation, guard: EditGuard) -> None:
        """`operation` must plan (the caller has shown why not where it does not)."""
        super().__init__()
        self.segments = list(segments)
        self.guard = guard
        self.plan = plan(self.segments, operation)
        self._through_chosen = operation.through is not None
        self._cells = 20

    def compose(self) -> ComposeResult:
        with Vertical(id="pairing-box", classes="dialog-box"):
            yield Static("", id="pairing-voids", markup=False)
            yield DataTable(id="pairing-rows", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="pairing-detail"):
                with Horizontal():
                    yield Static("", id="pairing-korean", markup=False)
                    yield Static("", id="pairing-now", markup=False)
                    yield Static("", id="pairing-after", markup=False)
            yield Static("", id="pairing-undo", markup=False)
            yield Static("", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel (n)"), id="pairing-cancel", classes="dialog-cancel", compact=True)
                yield Button(_("Move (y)"), id="pairing-apply", variant="warning", compact=True)

    def on_mount(self) -> None:
        self._cells = text_cells(min(BOX_CELLS, self.app.size.width * 96 // 100) - 4, 3, fixed=6)
        table = self.query_one("#pairing-rows", DataTable)
        table.add_column("#", key="index", width=4)
        for key, label in (("korean", _("Korean")), ("now", _("English now")), ("after", _("English after"))):
            table.add_column(label, key=key, width=self._cells)
        self._show(self.plan)
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cut":
            return self.plan.operation.move is Move.SPLIT
        return super().check_action(action, parameters)

    # what is shown ---------------------------------------------------------------------------------

    def _show(self, found: Plan, keep: int | None = None) -> None:
        self.plan = found
        box = self.query_one("#pairing-box")
        box.border_title = Text(sentence(found.operation))
        hints = [_("y move"), _("n cancel"), _("[ ] { } where the stretch ends")]
        if found.operation.move is Move.SPLIT:
            hints.append(_("← → cut"))
        box.border_subtitle = Text(" · ".join(hints))
        voids = describe_voids(self.guard.voids(self.segments[row.index - 1]) for row in found.changes)
        warning = self.query_one("#pairing-voids", Static)
        warning.update("⚠ " + _("Asking first: {voids}. Nothing is written until you say so.").format(voids=voids)
                       if voids else "")
        warning.display = bool(voids)
        self.query_one("#pairing-undo", Static).update(undo_words(found))
        table = self.query_one("#pairing-rows", DataTable)
        table.clear()
        for row in found.rows:
            style = "" if row.changed else "dim"
            table.add_row(Text(f"{row.index:>3}", style=style), one_cell(row.source, self._cells),
                          one_cell(row.before, self._cells),
                          one_cell(row.after, self._cells) if row.changed else Text(_("(as now)"), style="dim"),
                          key=str(row.index))
        first = keep if keep is not None else found.operation.index
        indexes = [row.index for row in found.rows]
        table.move_cursor(row=indexes.index(first) if first in indexes else 0)
        self._detail(table.cursor_row)

    def _detail(self, position: int) -> None:
        rows = self.plan.rows
        if not 0 <= position < len(rows):
            return
        row = rows[position]
        for widget_id, label, text in (("#pairing-korean", _("Korean · segment {index}"), row.source),
                                       ("#pairing-now", _("English now"), row.before),
                                       ("#pairing-after", _("English after"), row.after)):
            shown = Text(label.format(index=row.index) + "\n", style="bold")
            shown.append(text if text.strip() else EMPTY, style="" if text.strip() else "dim")
            self.query_one(widget_id, Static).update(shown)

    @on(DataTable.RowHighlighted, "#pairing-rows")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _replan(self, operation: Operation) -> None:
        table = self.query_one("#pairing-rows", DataTable)
        keep = self.plan.rows[table.cursor_row].index if self.plan.rows else None
        try:
            found = plan(self.segments, operation)
        except InputError as exc:
            self.show_error(str(exc))
            self.app.bell()
            return
        self.show_error("")
        self._show(found, keep)

    # what the person does --------------------------------------------------------------------------

    def action_cut(self, step: int) -> None:
        operation = self.plan.operation
        if operation.move is Move.SPLIT and operation.at is not None:
            self._replan(replace(operation, at=operation.at + step,
                                 through=operation.through if self._through_chosen else None))

    def action_reach(self, step: int) -> None:
        operation = self.plan.operation
        assert operation.through is not None
        shortest = operation.index if operation.move is Move.UP else operation.index + 1
        through = min(max(shortest, operation.through + step), len(self.segments))
        if through == operation.through:
            self.app.bell()
            return
        self._through_chosen = True
        self._replan(replace(operation, through=through))

    def action_apply(self) -> None:
        self.dismiss(self.plan)

    @on(Button.Pressed, "#pairing-apply")
    def apply_pressed(self) -> None:
        self.action_apply()
