"""The base every modal dialog shares: its framed box, its right-aligned buttons, its error line.

A dialog that stores in a worker marks itself running; escape is refused until the worker replies,
because a write that has begun cannot be called back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workflow.i18n import N_

ResultType = TypeVar("ResultType")
RequestType = TypeVar("RequestType")


class Dialog(ModalScreen[ResultType]):
    """Subclasses give their box `dialog-box`, button row `dialog-buttons`, cancel button
    `dialog-cancel` and error line `dialog-error` (plus `banner` for the boxed look)."""

    # Hidden until show_error() has something to say, so an empty line never takes room.
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > .dialog-box {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary 80%;
        border-title-color: $text-primary;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog-error {
        display: none;
        height: auto;
        color: $text-error;
    }
    Dialog .dialog-error.banner {
        background: $error-muted;
        padding: 0 1;
    }
    Dialog .dialog-buttons {
        height: auto;
        align-horizontal: right;
    }
    Dialog .dialog-buttons Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", description=N_("Cancel")),
    ]

    running = False

    class Failed(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "cancel" and self.running)

    def action_cancel(self) -> None:
        if not self.running:
            self.dismiss(None)

    @on(Button.Pressed, ".dialog-cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def set_running(self, running: bool) -> None:
        self.running = running
        for widget in self.query("Input, Checkbox, Button"):
            widget.disabled = running
        self.refresh_bindings()

    def submit(self, build: Callable[[], RequestType], begin: Callable[[RequestType], None]) -> None:
        """Validate the form (build raises ValueError with what to fix), then start the work."""
        if self.running:
            return
        try:
            request = build()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.show_error("")
        self.set_running(True)
        begin(request)

    def show_error(self, problem: str) -> None:
        error = self.query_one(".dialog-error", Static)
        error.update(problem)
        error.display = bool(problem)
