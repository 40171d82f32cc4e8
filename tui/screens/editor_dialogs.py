"""The editor's small dialogs: a reason or a comment, go to a segment, find (history: tui.widgets.history_dialog).

Modal screens that return their answer through dismiss(); None means the person backed out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.cells import first_words
from tui.labels import state_mark
from tui.segment_nav import search
from tui.widgets.dialog import Dialog
from tui.widgets.history_dialog import HistoryDialog
from workflow.models import Segment, default_kind
from workflow.i18n import N_, _, ngettext
from workflow.names import name

__all__ = ["FindDialog", "FindHit", "GoToDialog", "HistoryDialog", "ReasonDialog", "first_match"]

class ReasonDialog(Dialog):
    """Asks for one line of text: why a finding does not apply, or a comment (note or query).

    With query_box, the comment's kind is named in words on its own line ("Kind: query") and
    ctrl+t switches it; until the person switches, it follows the text: a question is a query.
    Dismisses with the text, or with (text, kind) when query_box is set.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "switch_kind", description=N_("Note/query"), priority=True),
    ]

    def __init__(self, title: str, about: str, placeholder: str, *, query_box: bool = False) -> None:
        super().__init__()
        self._title, self._about, self._placeholder, self._query_box = title, about, placeholder, query_box
        self.kind = "note"
        self._chosen = False  # the person switched the kind themselves: the text no longer decides

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title", markup=False)
            yield Static(self._about, classes="dialog-about", markup=False)
            yield Input(placeholder=self._placeholder, id="reason")
            if self._query_box:
                yield Static("", id="kind", markup=False)
            hint = _("Enter to record · Escape to cancel")
            if self._query_box:
                hint = _("Enter to record · ctrl+t note/query · Escape to cancel")
            yield Static(hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._show_kind()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_kind":
            return self._query_box
        return super().check_action(action, parameters)

    def action_switch_kind(self) -> None:
        self.kind = "note" if self.kind == "query" else "query"
        self._chosen = True
        self._show_kind()

    @on(Input.Changed, "#reason")
    def typed(self, event: Input.Changed) -> None:
        if self._query_box and not self._chosen:
            self.kind = default_kind(event.value)
            self._show_kind()

    def _show_kind(self) -> None:
        if not self._query_box:
            return
        meaning = (_("asks someone to answer; stays open until closed") if self.kind == "query"
                   else _("for the record; nobody needs to answer"))
        self.query_one("#kind", Static).update(Text.assemble(
            (_("Kind: {kind}").format(kind=name(self.kind)), "bold"), f" · {meaning}"))

    @on(Input.Submitted, "#reason")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.notify(_("Write a few words first; they are recorded with your name."), severity="warning")
            return
        self.dismiss((text, self.kind) if self._query_box else text)


class GoToDialog(Dialog):
    def __init__(self, total: int) -> None:
        super().__init__()
        self._total = total

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Go to segment (1–{last})").format(last=self._total), classes="dialog-title")
            yield Input(type="integer", placeholder=_("segment number"), id="number")

    @on(Input.Submitted, "#number")
    def submitted(self, event: Input.Submitted) -> None:
        try:
            number = int(event.value)
        except ValueError:
            number = 0
        if not 1 <= number <= self._total:
            self.notify(_("This document has segments 1 to {last}.").format(last=self._total), severity="warning")
            return
        self.dismiss(number)


@dataclass(frozen=True)
class FindHit:
    """Where Find's chosen segment first holds the query: character offsets into that field's text
    (the English as the translator sees it, typed or saved), end exclusive."""

    index: int
    field: Literal["english", "korean"]
    start: int
    end: int


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def first_match(text: str, query: str) -> tuple[int, int] | None:
    """(start, end) in `text` of the first case-insensitive occurrence of query, as search() matches.

    Folding can change lengths (ß -> ss), so offsets are mapped back character by character.
    """
    needle = _fold(query.strip())
    if not needle:
        return None
    folded, origin = [], []
    for i, char in enumerate(unicodedata.normalize("NFC", text)):
        part = char.casefold()
        folded.append(part)
        origin.extend([i] * len(part))
    at = "".join(folded).find(needle)
    if at < 0:
        return None
    return origin[at], origin[at + len(needle) - 1] + 1


class FindDialog(Dialog):
    """Searches the Korean and the English (as typed, saved or not) of every segment.

    Dismisses with a FindHit for the chosen segment (the English match first, else the Korean)."""

    LIMIT = 200

    def __init__(self, segments: Sequence[Segment], unsaved: Mapping[int, str], query: str = "") -> None:
        super().__init__()
        self._segments, self._unsaved, self._query = segments, dict(unsaved), query

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Label(_("Find in document (Korean and English)"), classes="dialog-title")
            yield Input(self._query, placeholder=_("word or phrase"), id="query")
            yield OptionList(id="results")
            yield Static("", id="found", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._search(self._query)

    @on(Input.Changed, "#query")
    def changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        hits = search(self._segments, query, self._unsaved)
        results = self.query_one("#results", OptionList)
        results.set_options(
            Option(_result_prompt(self._segments[i - 1], self._unsaved.get(i)), id=str(i)) for i in hits[: self.LIMIT]
        )
        if hits:
            results.highlighted = 0
        found = ngettext("{count} segment", "{count} segments", len(hits)).format(count=len(hits))
        if len(hits) > self.LIMIT:
            found += " " + _("(first {limit} shown)").format(limit=self.LIMIT)
        self.query_one("#found", Static).update(
            found + " · " + _("Enter opens · ↓ to pick") if query.strip() else ""
        )

    def hit(self, index: int) -> FindHit:
        segment = self._segments[index - 1]
        query = self.query_one("#query", Input).value
        english = self._unsaved.get(index, segment.target)
        if (span := first_match(english, query)) is not None:
            return FindHit(index, "english", *span)
        span = first_match(segment.source, query) or (0, 0)
        return FindHit(index, "korean", *span)

    @on(Input.Submitted, "#query")
    def submitted(self) -> None:
        results = self.query_one("#results", OptionList)
        if results.option_count and results.highlighted is not None:
            self.dismiss(self.hit(int(results.get_option_at_index(results.highlighted).id)))

    @on(OptionList.OptionSelected, "#results")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hit(int(event.option.id)))


def _result_prompt(segment: Segment, english: str | None) -> Text:
    text = Text(f"{segment.index:>4} {state_mark(segment.state)} ")
    text.append(first_words(segment.source, 24))
    text.append("  ")
    text.append(first_words(segment.target if english is None else english, 34), style="italic")
    return text
