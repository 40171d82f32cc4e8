"""The segment in hand: its Korean (read-only, glossary terms marked) and the English editor."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.document._document import EditResult
from textual.document._edit import Edit as TextEdit
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Location, Selection

from glossaries.index import TermUse
from tui.widgets import placeholders
from tui.widgets.key_order import in_turn
from tui.widgets.placeholders import ProtectedTokens
from workflow.models import Edit, FindingView, Severity, inflected_like
from workflow.models import limited_length
from workflow.i18n import N_

__all__ = ["EnglishEditor", "KoreanView", "Mark", "finding_marks", "inflected_like", "marked_korean", "term_style"]

Mark = tuple[int, int, Severity]  # a finding's span, start and end offsets into the text

# Underlined and bold whatever the colour, so a term reads as a term on a monochrome terminal too;
# theme variables, so the colours suit light and dark themes alike.
TERM_OK = "underline $text-success"
TERM_MISSING = "bold underline $text-warning"
TERM_FORBIDDEN = "bold underline reverse $text-error"
SPOTLIGHT = "reverse"
# Findings, readable without colour too: a warning is underlined, an error reversed as well.
FINDING_KOREAN = {Severity.ERROR: "reverse underline", Severity.WARNING: "underline", Severity.INFO: "dim underline"}
FINDING_ENGLISH = {Severity.ERROR: Style(reverse=True, underline=True), Severity.WARNING: Style(underline=True),
                   Severity.INFO: Style(underline=True, dim=True)}
_HIGHLIGHT = "tandem.finding.{}"


def length_counter(text: str, limit: int | None) -> Content | None:
    """"123/140" where the file limits the English (counted as the check length.limit counts), in
    the error colour and bold once over, so it reads without colour too."""
    if limit is None:
        return None
    used = limited_length(text)
    return Content.styled(f"{used}/{limit}", "bold $text-error" if used > limit else "")


def term_style(use: TermUse) -> str:
    if use.forbidden:
        return TERM_FORBIDDEN
    return TERM_OK if use.satisfied else TERM_MISSING


def finding_marks(views: Iterable[FindingView]) -> tuple[list[Mark], list[Mark]]:
    """(English marks, Korean marks) of the open findings that have spans."""
    english: list[Mark] = []
    korean: list[Mark] = []
    for view in views:
        finding = view.finding
        if not view.open:
            continue
        if finding.target_span:
            english.append((*finding.target_span, finding.severity))
        if finding.source_span:
            korean.append((*finding.source_span, finding.severity))
    return english, korean


def marked_korean(source: str, uses: Sequence[TermUse], spotlight: tuple[int, int] | None = None,
                  findings: Sequence[Mark] = ()) -> Content:
    content = Content(source)
    for start, end, severity in findings:
        content = content.stylize(FINDING_KOREAN[Severity(severity)], start, end)
    for use in uses:
        content = content.stylize(term_style(use), use.hit.start, use.hit.end)
    content = placeholders.mark(content, source)
    if spotlight is not None:
        content = content.stylize(SPOTLIGHT, *spotlight)
    return content


class KoreanView(Static):
    """Static wraps by cells, so Hangul lines break where the terminal would draw them."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.source = ""
        self.uses: list[TermUse] = []
        self.findings: list[Mark] = []

    def show(self, source: str, uses: Sequence[TermUse] = (), spotlight: tuple[int, int] | None = None,
             findings: Sequence[Mark] | None = None) -> None:
        """findings: the open findings' source spans (finding_marks); None keeps the ones shown."""
        self.source = source
        self.uses = list(uses)
        if findings is not None:
            self.findings = list(findings)
        self.update(marked_korean(source, self.uses, spotlight, self.findings))


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
        Binding("ctrl+home", "document_start", N_("Start"), show=False, tooltip=N_("Cursor to the start of the English")),
        Binding("ctrl+end", "document_end", N_("End"), show=False, tooltip=N_("Cursor to the end of the English")),
    ]

    # Asked before every change, whatever its way in (a key, a paste, undo, the screen's own
    # inserts): given a callable that repeats the change, it answers whether it may happen now.
    # The editor uses it to ask before approved or signed-off text is touched.
    edit_guard: Callable[[Callable[[], object]], bool] | None = None
    # Told when typing or a paste meets the read-only box, so the screen can say why.
    refused: Callable[[], None] | None = None

    async def _on_key(self, event: events.Key) -> None:
        if not await in_turn(self, event):  # the screen's keys in typing order (key_order.py)
            if self.read_only and self.refused is not None and (
                    event.is_printable or event.key in ("enter", "backspace", "delete")):
                self.refused()
            await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        if self.app.screen is not self.screen or not self.has_focus:
            event.stop()  # pasted after a key that went elsewhere: it follows the focus
            self.app.post_message(events.Paste(event.text))
            return
        if self.read_only and self.refused is not None:
            self.refused()
        await super()._on_paste(event)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        self._marks: list[Mark] = []
        self.limit: int | None = None  # the file's length limit on this English, shown as a counter
        self._title = ""

    def hold(self, locked: bool, limit: int | None) -> None:
        """The segment in hand is locked (shown dimmed) and limited to `limit` characters."""
        self.set_class(locked, "-locked")
        self.limit = limit

    def show_title(self, title: str) -> None:
        self._title = title
        self._show_counter()

    def show_status(self, status: str) -> None:
        """The subtitle (the save status), and the counter, which follows typing."""
        self.border_subtitle = status
        self._show_counter()

    def _show_counter(self) -> None:
        # In the title, not the subtitle: the narrow layout draws no bottom border.
        counter = length_counter(self.text, self.limit)
        self.border_title = self._title if counter is None else Content.assemble(self._title, " · ", counter)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to undo or insert in a read-only editor: do not offer it.
        if action == "insert_token" and not self.placeholders_offered():
            return False
        return not (self.read_only and action in ("undo", "redo", "insert_token"))

    def undo(self) -> None:
        if self.history.undo_stack and self.edit_guard is not None and not self.edit_guard(self.undo):
            return
        super().undo()

    def redo(self) -> None:
        if self.history.redo_stack and self.edit_guard is not None and not self.edit_guard(self.redo):
            return
        super().redo()

    def action_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        self.move_cursor(self.document.end)

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

    @property
    def cursor_offset(self) -> int:
        return self.document.get_index_from_location(self.cursor_location)

    @property
    def selection_span(self) -> tuple[int, int] | None:
        """The selection as (start, end) offsets in text order, or None when nothing is selected."""
        start, end = self.selection
        if start == end:
            return None
        a, b = (self.document.get_index_from_location(loc) for loc in (start, end))
        return (min(a, b), max(a, b))

    def move_to_offset(self, offset: int) -> None:
        self.move_cursor(self.location(offset))
        self.scroll_cursor_visible()

    def apply_edit(self, edit: Edit) -> bool:
        """One undoable replace, the cursor at edit.cursor and nothing selected. False when the edit
        was refused (it would cut a placeholder) and the text is as it was."""
        before = self.text
        self.history.checkpoint()  # its own undo step, apart from the typing before it
        self.replace(edit.text, self.location(edit.start), self.location(edit.end), maintain_selection_offset=False)
        if self.text == before and edit.text != before[edit.start:edit.end]:
            return False
        self.move_cursor(self.location(edit.cursor))
        self.scroll_cursor_visible()
        return True

    # finding marks --------------------------------------------------------------------------------

    @property
    def marks(self) -> list[Mark]:
        return list(self._marks)

    def mark_spans(self, marks: Iterable[Mark]) -> None:
        """Mark these spans of the text (finding_marks gives them). Typing moves them along with the
        words until the screen marks the next analysis."""
        self._marks = [(start, end, Severity(severity)) for start, end, severity in marks
                       if 0 <= start < end <= len(self.text)]
        self._build_highlight_map()
        self.refresh()

    def edit(self, edit: TextEdit) -> EditResult:
        if self.edit_guard is not None and not self.edit_guard(lambda: self.edit(edit)):
            return EditResult(self.cursor_location, "")  # asked first; replayed if the person agrees
        start, end = sorted(self.document.get_index_from_location(loc) for loc in (edit.from_location, edit.to_location))
        length = len(self.text)
        result = super().edit(edit)
        delta = len(self.text) - length
        if self._marks and (delta or edit.text):
            self._marks = _shifted(self._marks, start, end, end - start + delta)
            self._build_highlight_map()
        return result

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        self._theme.syntax_styles = {**self._theme.syntax_styles,
                                     **{_HIGHLIGHT.format(s.value): style for s, style in FINDING_ENGLISH.items()}}

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        marks = getattr(self, "_marks", None)
        if not marks:
            return
        lines = self.document.lines
        for start, end, severity in marks:
            name = _HIGHLIGHT.format(severity.value)
            (top, left), (bottom, right) = self.location(start), self.location(end)
            for row in range(top, bottom + 1):
                line = lines[row]
                first = left if row == top else 0
                last = right if row == bottom else len(line)
                # Columns in UTF-8 bytes, as tree-sitter counts them.
                self._highlights[row].append((len(line[:first].encode()), len(line[:last].encode()), name))


def _shifted(marks: list[Mark], start: int, end: int, inserted: int) -> list[Mark]:
    """The marks after text[start:end] became `inserted` characters long. A mark whose text was
    replaced whole goes; one the edit cuts into keeps what is left of its own text."""
    delta = inserted - (end - start)
    moved: list[Mark] = []
    for s, e, severity in marks:
        if e <= start:
            moved.append((s, e, severity))
        elif s >= end:
            moved.append((s + delta, e + delta, severity))
        elif not (start <= s and e <= end):
            s, e = (s if s < start else start + inserted), (e + delta if e > end else start)
            if s < e:
                moved.append((s, e, severity))
    return moved
