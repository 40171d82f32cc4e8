"""Editing one segment's English from the review screen, with its Korean above for reference.

The dialog returns the new text; the screen saves it through the Workspace (in a worker) against
the revision the editor started from, so a colleague's save in the meantime is kept, not lost.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static, TextArea

from tui.widgets.dialog import Dialog
from tui.widgets.placeholders import PlaceholderArea
from workflow.i18n import N_, _


class EditDialog(Dialog[str | None]):
    """Dismisses with the edited English (None when cancelled or left unchanged)."""

    DEFAULT_CSS = """
    EditDialog #edit-box {
        width: 100;
    }
    EditDialog #edit-korean-pane {
        height: auto;
        max-height: 8;
        border: round $primary 50%;
        border-title-color: $text-primary;
        padding: 0 1;
    }
    EditDialog #edit-korean {
        height: auto;
    }
    EditDialog #edit-english {
        height: 10;
    }
    EditDialog #edit-note {
        height: auto;
        color: $text-warning;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", description=N_("Save")),
    ]

    def __init__(self, index: int, korean: str, english: str, *, voids: str = "",
                 keep: Callable[[str], Awaitable[bool]] | None = None) -> None:
        super().__init__()
        self.index = index
        self.korean = korean
        self.english = english
        self.voids = voids  # what saving will void, said before the editor commits to it
        self.keep = keep  # saves at once when the app quits with the dialog open

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box", classes="dialog-box"):
            with VerticalScroll(id="edit-korean-pane"):
                yield Static(Text(self.korean), id="edit-korean", markup=False)
            yield PlaceholderArea(self.english, self.korean, soft_wrap=True, show_line_numbers=False,
                                  id="edit-english")
            yield Static(Text(self.voids), id="edit-note", markup=False)
            with Horizontal(id="edit-buttons", classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="edit-save")
                yield Button(_("Cancel"), id="edit-cancel", classes="dialog-cancel")

    def on_mount(self) -> None:
        box = self.query_one("#edit-box")
        box.border_title = Text(_("Edit the English of segment {index}").format(index=self.index))
        box.border_subtitle = Text(_("ctrl+s saves · escape cancels"))
        self.query_one("#edit-korean-pane").border_title = Text(_("Korean"))
        self.query_one("#edit-note").display = bool(self.voids)
        area = self.query_one("#edit-english", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    async def flush(self) -> bool:
        """Asked by the app before it quits: an edit typed here is saved, not dropped."""
        text = self.query_one("#edit-english", TextArea).text
        if text == self.english or self.keep is None:
            return True
        if saved := await self.keep(text):
            self.english = text  # asked twice (a second quit), it is not saved twice
        return saved

    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        text = self.query_one("#edit-english", TextArea).text
        self.dismiss(None if text == self.english else text)
