"""Placeholders (⟦1⟧ ⟦/1⟧ ⟦1/⟧, the tokens standing for an XLIFF file's inline codes) in the editor.

They are shown apart from the prose in both panes, and the English editor keeps them whole: an
edit that would cut into a token or type a stray bracket is refused (the text stays as it was and
a short notice says why), while a whole token can be deleted, pasted, or inserted with ctrl+k.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.document._document import EditResult
from textual.document._edit import Edit
from textual.widgets import TextArea

from workflow.i18n import N_, _
from workflow.models import TOKEN, tokens

# Bold whatever the colour, so a token reads as one on a monochrome terminal too.
KOREAN_STYLE = "bold $text-accent"
ENGLISH_STYLE = Style(bold=True, color="magenta")
HIGHLIGHT = "tandem.placeholder"
_BRACKETS = ("⟦", "⟧")


def spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


def mark(content: Content, text: str) -> Content:
    """The content with every token in `text` (the content's plain text) styled as a placeholder."""
    for start, end in spans(text):
        content = content.stylize(KOREAN_STYLE, start, end)
    return content


def edit_problem(text: str, start: int, end: int, insert: str) -> str | None:
    """Why replacing text[start:end] with `insert` would break a placeholder, or None if it would not."""
    for s, e in spans(text):
        cuts = start < e and end > s and not (start <= s and e <= end)
        inside = start == end and s < start < e
        if cuts or inside:
            return _("{token} is a placeholder: delete it whole (select all of it) or leave it").format(token=text[s:e])
    if any(bracket in TOKEN.sub("", insert) for bracket in _BRACKETS):
        return _("⟦ and ⟧ only come in whole placeholders; ctrl+k inserts the next one the Korean has")
    return None


def next_missing(source: str, target: str) -> str | None:
    """The first token of the Korean that the English does not have yet (as often as the Korean)."""
    have = Counter(tokens(target))
    for token in tokens(source):
        if have[token]:
            have[token] -= 1
        else:
            return token
    return None


class ProtectedTokens:
    """Mixed into the English TextArea: keeps tokens whole and highlights them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+k", "insert_token", N_("Placeholder"),
                tooltip=N_("Insert the next placeholder of the Korean that the English lacks")),
    ]
    _source = ""

    @property
    def source_text(self) -> str:
        """The Korean of the segment in hand (the editor screen sets it on every move)."""
        return self._source

    @source_text.setter
    def source_text(self, source: str) -> None:
        had = bool(tokens(self._source))
        self._source = source
        if had != bool(tokens(source)):
            self.refresh_bindings()

    def placeholders_offered(self) -> bool:
        # Only segments with placeholders offer the key, so the footer stays as it was for the
        # plain articles that are most of a desk's work.
        return bool(tokens(self._source))

    def edit(self, edit: Edit) -> EditResult:
        start = self.document.get_index_from_location(edit.from_location)
        end = self.document.get_index_from_location(edit.to_location)
        start, end = sorted((start, end))
        problem = edit_problem(self.text, start, end, edit.text)
        if problem:
            self.notify(problem, title=_("Placeholder kept"), severity="warning", timeout=3)
            return EditResult(self.cursor_location, "")
        return super().edit(edit)

    def action_insert_token(self) -> None:
        token = next_missing(self.source_text, self.text)
        if token is None:
            self.notify(_("The English has every placeholder of the Korean."), timeout=2)
            return
        result = self.replace(token, *self.selection)
        self.move_cursor(result.end_location)

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        # _theme is this widget's own copy; its styles dict is the shared theme's, so replace it.
        self._theme.syntax_styles = {**self._theme.syntax_styles, HIGHLIGHT: ENGLISH_STYLE}

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        # The highlight map counts columns in UTF-8 bytes, as tree-sitter does.
        for row, line in enumerate(self.document.lines):
            for start, end in spans(line):
                self._highlights[row].append(
                    (len(line[:start].encode()), len(line[:end].encode()), HIGHLIGHT))


class PlaceholderArea(ProtectedTokens, TextArea):
    """A plain TextArea (the review screen's edit dialog) that keeps the Korean's tokens whole."""

    # Bindings are gathered from widget classes only, so the mixin's key is declared here again.
    BINDINGS: ClassVar[list[BindingType]] = ProtectedTokens.BINDINGS

    def __init__(self, text: str, source: str, **kwargs) -> None:
        super().__init__(text, **kwargs)
        self.source_text = source

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "insert_token":
            return self.placeholders_offered() and not self.read_only
        return super().check_action(action, parameters)
