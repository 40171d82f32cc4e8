"""A word diff drawn inline: what the editor removed and added, readable without colour.

Deletions are struck through inside [- -] and insertions bold and underlined inside {+ +} (the
markers `git diff --word-diff` and the CLI's `tandem diff` use), so the change reads on a
monochrome terminal, in a screen reader's text and for a reader who cannot tell red from green.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workflow.models import DELETE, INSERT, word_diff
from workflow.i18n import N_, _

# Named ANSI colours: Textual maps them through the theme's palette, so they suit light and dark.
DELETED = "strike red"
INSERTED = "bold underline green"
MARKERS = {DELETE: ("[-", "-]", DELETED), INSERT: ("{+", "+}", INSERTED)}
NO_ENGLISH = N_("(no English yet)")


def diff_text(old: str, new: str) -> Text:
    if not old and not new:
        return Text(_(NO_ENGLISH), style="dim italic")
    text = Text()
    for op, chunk in word_diff(old, new):
        if op in MARKERS:
            opening, closing, style = MARKERS[op]
            # The markers take the style too: struck brackets still say "deleted" at a glance.
            text.append(opening + chunk + closing, style=style)
        else:
            text.append(chunk)
    return text


def legend() -> Text:
    return Text.assemble(("[-" + _("deleted") + "-]", DELETED), "  ", ("{+" + _("inserted") + "+}", INSERTED))


class DiffView(Static):
    """Static wraps by cells, so a long paragraph's diff breaks where the terminal draws it."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.text = Text()

    def show(self, old: str, new: str) -> None:
        self.text = diff_text(old, new)
        self.update(self.text)
