"""A comment on one segment: a note or a query, or the reason a segment is rejected.

Only gathers the words; the screen does the write in a worker, so the dialog never waits on SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tui.cells import first_words
from tui.widgets.dialog import Dialog
from workflow.i18n import _


@dataclass(frozen=True)
class CommentRequest:
    kind: str  # note or query
    text: str


class CommentDialog(Dialog[CommentRequest | None]):
    """Dismisses with what to write, or None when cancelled.

    `kind=None` lets the user choose note or query; a rejection fixes it to query, because the
    translator must answer it.
    """

    DEFAULT_CSS = """
    CommentDialog #comment-about {
        height: auto;
        color: $text-muted;
        margin-bottom: 1;
    }
    CommentDialog #comment-kind {
        width: 100%;
        layout: horizontal;
        border: none;
        height: auto;
    }
    """

    def __init__(self, title: str, about: str, *, kind: str | None = None, action: str | None = None) -> None:
        super().__init__()
        self.heading = title
        self.about = about
        self.kind = kind
        self.action_label = action or _("Add")

    def compose(self) -> ComposeResult:
        with Vertical(id="comment-box", classes="dialog-box"):
            yield Static(Text(first_words(self.about, 160)), id="comment-about", markup=False)
            if self.kind is None:
                with RadioSet(id="comment-kind"):
                    yield RadioButton(_("Query: asks for an answer"), value=True, id="kind-query")
                    yield RadioButton(_("Note"), id="kind-note")
            yield Input(placeholder=_("what should change, or what you want to know"), id="comment-text")
            yield Static("", id="comment-error", classes="dialog-error", markup=False)
            with Horizontal(id="comment-buttons", classes="dialog-buttons"):
                yield Button(self.action_label, variant="primary", id="comment-ok")
                yield Button(_("Cancel"), id="comment-cancel", classes="dialog-cancel")

    def on_mount(self) -> None:
        self.query_one("#comment-box").border_title = Text(self.heading)
        self.query_one("#comment-text", Input).focus()

    @on(Button.Pressed, "#comment-ok")
    @on(Input.Submitted)
    def submit(self) -> None:
        text = self.query_one("#comment-text", Input).value.strip()
        if not text:
            self.show_error(_("Write the comment first: the translator reads it with the segment."))
            return
        kind = self.kind
        if kind is None:
            kind = "note" if self.query_one("#kind-note", RadioButton).value else "query"
        self.dismiss(CommentRequest(kind, text))
