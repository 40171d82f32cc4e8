"""A segment in conflict: two people changed the same words of one text, and a person decides.

A word diff from theirs to mine (the review screen's markers, so it reads without colour), both
texts in full with who saved them and when, the Korean, then a box holding the resolution.
One key takes theirs, one keeps mine, and ctrl+s stores the box as edited; the dialog only returns
the chosen text, and the editor stores it through its write queue (Workspace.editing.resolve_conflict).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static, TextArea

from tui.widgets.dialog import Dialog
from tui.widgets.diff_view import DiffView, legend
from workflow.i18n import N_, _, format_datetime
from workflow.models import Conflict, Revision
from workflow.names import name


def _who(revision: Revision) -> str:
    return f"{revision.author} ({name(revision.role)}), {format_datetime(revision.created_at)}"


class ConflictDialog(Dialog[str | None]):
    """Dismisses with the text that resolves the conflict, or None to decide later."""

    DEFAULT_CSS = """
    ConflictDialog #conflict-box {
        width: 110;
    }
    ConflictDialog #conflict-texts {
        height: auto;
        max-height: 45vh;  /* long paragraphs scroll; the resolution box and keys stay on screen */
    }
    ConflictDialog .conflict-label {
        color: $text-primary;
        text-style: bold;
    }
    ConflictDialog .conflict-text {
        margin-bottom: 1;
    }
    ConflictDialog .conflict-text {
        height: auto;
        padding: 0 1;
    }
    ConflictDialog #conflict-resolution {
        height: 6;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: the resolution box is a TextArea and would otherwise take these keys.
        Binding("ctrl+t", "theirs", description=N_("Take theirs"), priority=True,
                tooltip=N_("Resolve the conflict with their text")),
        Binding("ctrl+o", "mine", description=N_("Keep mine"), priority=True,
                tooltip=N_("Resolve the conflict with your text")),
        Binding("ctrl+s", "resolve", description=N_("Resolve as edited"), priority=True,
                tooltip=N_("Resolve the conflict with the text in the resolution box")),
    ]

    def __init__(self, conflict: Conflict, korean: str, draft: str | None = None) -> None:
        super().__init__()
        self.conflict = conflict
        self.korean = korean
        self.draft = conflict.mine.text if draft is None else draft  # what the box starts with

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        with Vertical(id="conflict-box", classes="dialog-box"):
            # The diff first: on a small terminal it is what shows without scrolling.
            with VerticalScroll(id="conflict-texts"):
                yield Static(Text.assemble(_("From theirs to mine") + "  ", legend()), classes="conflict-label",
                             markup=False)
                yield DiffView(id="conflict-diff", classes="conflict-text")
                yield Static(_("Theirs") + f" · {_who(conflict.theirs)}", classes="conflict-label", markup=False)
                yield Static(Text(conflict.theirs.text), id="conflict-theirs", classes="conflict-text",
                             markup=False)
                yield Static(_("Mine") + f" · {_who(conflict.mine)}", classes="conflict-label", markup=False)
                yield Static(Text(conflict.mine.text), id="conflict-mine", classes="conflict-text",
                             markup=False)
                yield Static(_("Korean"), classes="conflict-label", markup=False)
                yield Static(Text(self.korean), classes="conflict-text", markup=False)
            yield Static(_("Resolution (edit it, then ctrl+s)"), classes="conflict-label", markup=False)
            yield TextArea(self.draft, soft_wrap=True, show_line_numbers=False, id="conflict-resolution")
            yield Static("", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Take theirs"), id="conflict-take-theirs")
                yield Button(_("Keep mine"), id="conflict-keep-mine")
                yield Button(_("Resolve as edited"), variant="primary", id="conflict-resolve")
                yield Button(_("Later"), id="conflict-later", classes="dialog-cancel")

    def on_mount(self) -> None:
        box = self.query_one("#conflict-box")
        box.border_title = Text(_("Segment {index} is in conflict").format(index=self.conflict.segment_index))
        box.border_subtitle = Text(_("ctrl+t theirs · ctrl+o mine · ctrl+s as edited · escape later"))
        self.query_one(DiffView).show(self.conflict.theirs.text, self.conflict.mine.text)
        area = self.query_one("#conflict-resolution", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(Button.Pressed, "#conflict-take-theirs")
    def action_theirs(self) -> None:
        self.dismiss(self.conflict.theirs.text)

    @on(Button.Pressed, "#conflict-keep-mine")
    def action_mine(self) -> None:
        self.dismiss(self.conflict.mine.text)

    @on(Button.Pressed, "#conflict-resolve")
    def action_resolve(self) -> None:
        self.dismiss(self.query_one("#conflict-resolution", TextArea).text)
