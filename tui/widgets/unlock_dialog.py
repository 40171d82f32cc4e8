"""Asks before the first change to approved or signed-off English, naming what the change voids."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from tui.widgets.dialog import Dialog
from workflow.i18n import N_, _
from workflow.models import Voids


class UnlockDialog(Dialog[bool]):
    """True: the person will edit (the key that asked is then applied); None: nothing changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "edit", N_("Edit"), tooltip=N_("Edit the segment; its sign-offs are voided when it is saved")),
        Binding("n", "cancel", N_("Keep")),
        Binding("escape", "cancel", N_("Keep")),
    ]

    def __init__(self, voids: Voids) -> None:
        super().__init__()
        self._voids = voids

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-box"):
            yield Label(_("Edit segment {index}?").format(index=self._voids.index), classes="dialog-title")
            yield Static(_("Segment {index} is {what}.").format(index=self._voids.index, what=self._voids.describe()),
                         classes="dialog-about", markup=False)
            yield Static(_("Nothing is written until you say so; you are asked once for this segment."),
                         classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Keep it (n)"), id="keep", classes="dialog-cancel")
                yield Button(_("Edit (y)"), id="edit", variant="warning")

    def on_mount(self) -> None:
        # Focus on "keep": a stray Enter must not void anyone's sign-off.
        self.query_one("#keep", Button).focus()

    def action_edit(self) -> None:
        self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "edit":
            self.dismiss(True)
