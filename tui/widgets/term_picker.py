"""The small list ctrl+r opens when it has more than one thing to insert: which term, which rendering.

The screen computes the choices (workflow/term_insertion.py, best first) and applies the one picked;
this only shows them. Dismissed with the picked Choice, or None on escape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static

from tui.widgets.dialog import Dialog
from workflow.i18n import N_, _
from workflow.models import Choice


class TermPicker(Dialog[Choice | None]):
    DEFAULT_CSS = """
    TermPicker > .dialog-box {
        width: 72;
    }
    TermPicker OptionList {
        height: auto;
        max-height: 14;
        border: none;
        padding: 0;
    }
    TermPicker .picker-help {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", description=N_("Cancel")),
    ]

    def __init__(self, choices: Sequence[Choice]) -> None:
        super().__init__()
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = _("Insert a glossary rendering")
            yield OptionList(*(_prompt(c) for c in self.choices), id="term-choices")
            yield Static(_("enter inserts · esc cancels"), classes="picker-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if self.choices else None
        options.focus()

    @on(OptionList.OptionSelected, "#term-choices")
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.choices):
            self.dismiss(self.choices[event.option_index])


def _prompt(choice: Choice) -> Content:
    head = Content.assemble((choice.use.hit.text, "bold"), " → ", (choice.edit.text.strip(), "bold"))
    if choice.rendering == choice.use.term.en:
        head += Content.styled("  " + _("preferred"), "$text-muted")
    where = (_("replaces “{text}”").format(text=choice.replaces) if choice.replaces
             else _("inserted at the cursor"))
    return Content("\n").join([head, Content.styled("  " + where, "$text-muted")])
