"""Editing one segment's English from the review screen, with its Korean above for reference.

The dialog returns the new text and how to save it: sent back to draft (a change the translator
must see) or, for someone who may approve, approved at once (the editor's own correction is review
work). The screen saves it through the Workspace (in a worker) against the revision the editor
started from, so a colleague's save in the meantime is kept, not lost.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class EditRequest:
    text: str
    approve: bool  # save and approve (review work) rather than save and send back to draft


class EditDialog(Dialog[EditRequest | None]):
    """Dismisses with the edited English and how to save it (None when cancelled, or left unchanged
    and not approved)."""

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
        Binding("ctrl+s", "save", description=N_("Save, send back")),
        Binding("ctrl+o", "save_and_approve", description=N_("Save and approve")),
    ]

    def __init__(self, index: int, korean: str, english: str, *, voids: str = "",
                 keep: Callable[[str], Awaitable[bool]] | None = None, can_approve: bool = False) -> None:
        super().__init__()
        self.index = index
        self.korean = korean
        self.english = english
        self.voids = voids  # what saving will void, said before the editor commits to it
        self.keep = keep  # saves at once when the app quits with the dialog open
        self.can_approve = can_approve  # an editor who may approve this document; a translator never does

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box", classes="dialog-box"):
            with VerticalScroll(id="edit-korean-pane"):
                yield Static(Text(self.korean), id="edit-korean", markup=False)
            yield PlaceholderArea(self.english, self.korean, soft_wrap=True, show_line_numbers=False,
                                  id="edit-english")
            yield Static(Text(self.voids), id="edit-note", markup=False)
            with Horizontal(id="edit-buttons", classes="dialog-buttons"):
                yield Button(_("Save and send back to draft"), variant="primary", id="edit-save")
                if self.can_approve:
                    yield Button(_("Save and approve"), variant="success", id="edit-approve")
                yield Button(_("Cancel"), id="edit-cancel", classes="dialog-cancel")

    def on_mount(self) -> None:
        box = self.query_one("#edit-box")
        box.border_title = Text(_("Edit the English of segment {index}").format(index=self.index))
        box.border_subtitle = Text(_("ctrl+s saves and sends back to draft · ctrl+o saves and approves · escape "
                                     "cancels") if self.can_approve else _("ctrl+s saves · escape cancels"))
        self.query_one("#edit-korean-pane").border_title = Text(_("Korean"))
        note = self.voids
        if note and self.can_approve:
            note += " " + _("Save and approve keeps it approved at your text.")
        self.query_one("#edit-note", Static).update(Text(note))
        self.query_one("#edit-note").display = bool(note)
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_approve if action == "save_and_approve" else True

    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        text = self.query_one("#edit-english", TextArea).text
        self.dismiss(None if text == self.english else EditRequest(text, approve=False))

    @on(Button.Pressed, "#edit-approve")
    def action_save_and_approve(self) -> None:
        if self.can_approve:  # an unchanged text is approved as it stands
            self.dismiss(EditRequest(self.query_one("#edit-english", TextArea).text, approve=True))
