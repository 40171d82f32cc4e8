"""The segment in hand: its Korean (read-only, glossary terms marked) and the English editor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Location, Selection

from glossaries.index import TermUse
from tui.widgets import placeholders
from tui.widgets.placeholders import ProtectedTokens
from workflow.i18n import N_

# Underlined and bold whatever the colour, so a term reads as a term on a monochrome terminal too;
# theme variables, so the colours suit light and dark themes alike.
TERM_OK = "underline $text-success"
TERM_MISSING = "bold underline $text-warning"
TERM_FORBIDDEN = "bold underline reverse $text-error"
SPOTLIGHT = "reverse"


def term_style(use: TermUse) -> str:
    if use.forbidden:
        return TERM_FORBIDDEN
    return TERM_OK if use.satisfied else TERM_MISSING


def marked_korean(source: str, uses: Sequence[TermUse], spotlight: tuple[int, int] | None = None) -> Content:
    content = Content(source)
    for use in uses:
        content = content.stylize(term_style(use), use.hit.start, use.hit.end)
    content = placeholders.mark(content, source)
    if spotlight is not None:
        content = content.stylize(SPOTLIGHT, *spotlight)
    return content


def inflected_like(rendering: str, seen: str, phrase: str) -> str:
    """The rendering in the number of the words it replaces: "security guards" (entry "security
    guard") becomes "security guidance officers", so fixing a term does not break the sentence."""
    plural = seen.lower().endswith("s") and not phrase.lower().endswith("s")
    if plural and not rendering.lower().endswith("s"):
        return rendering + "s"
    return rendering


class KoreanView(Static):
    """Static wraps by cells, so Hangul lines break where the terminal would draw them."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.source = ""
        self.uses: list[TermUse] = []

    def show(self, source: str, uses: Sequence[TermUse] = (), spotlight: tuple[int, int] | None = None) -> None:
        self.source = source
        self.uses = list(uses)
        self.update(marked_korean(source, self.uses, spotlight))


class EnglishEditor(ProtectedTokens, TextArea, inherit_bindings=False):
    """A TextArea whose undo and redo are shown in the footer and the command palette, and whose
    placeholders stay whole (placeholders.py).

    It gives up f6 (select line) to the editor's "dismiss finding", and ctrl+k (delete to the line's
    end; ctrl+shift+k still deletes the line) to inserting a placeholder; the rest are TextArea's own.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(b for b in TextArea.BINDINGS if isinstance(b, Binding) and b.action not in (
            "select_line", "undo", "redo", "delete_to_end_of_line_or_delete_line")),
        *ProtectedTokens.BINDINGS,
        Binding("ctrl+z,super+z", "undo", N_("Undo"), tooltip=N_("Undo the last edit in this segment")),
        Binding("ctrl+y,super+y", "redo", N_("Redo"), tooltip=N_("Redo what was undone")),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to undo or insert in a read-only editor: do not offer it.
        if action == "insert_token" and not self.placeholders_offered():
            return False
        return not (self.read_only and action in ("undo", "redo", "insert_token"))

    def _watch_read_only(self, read_only: bool) -> None:
        super()._watch_read_only(read_only)
        self.refresh_bindings()

    def location(self, offset: int) -> Location:
        return self.document.get_location_from_index(max(0, min(offset, len(self.text))))

    def select_span(self, span: tuple[int, int]) -> None:
        self.selection = Selection(self.location(span[0]), self.location(span[1]))
        self.scroll_cursor_visible()

    def replace_span(self, text: str, span: tuple[int, int]) -> None:
        """One undoable edit, leaving the cursor after the new text."""
        result = self.replace(text, self.location(span[0]), self.location(span[1]))
        self.move_cursor(result.end_location)

    def replace_all(self, text: str) -> None:
        result = self.replace(text, (0, 0), self.document.end)
        self.move_cursor(result.end_location)
