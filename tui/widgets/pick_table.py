"""A row-cursor DataTable where Enter or one click picks a row."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from workflow.i18n import N_


class PickTable(DataTable):
    """Posts DataTable.RowSelected on Enter or on a single click.

    A plain DataTable selects only when the clicked row was already highlighted, so a click on
    another row would merely move the cursor: a surprise in a list whose rows are for opening.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", description=N_("Open")),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)

    def on_click(self, event: events.Click) -> None:
        # Runs before DataTable's own click handler, which moves the cursor; select after it has.
        row = event.style.meta.get("row")
        if isinstance(row, int) and row >= 0 and row != self.cursor_row:
            self.call_later(self.action_select_cursor)
