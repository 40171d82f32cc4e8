"""The editor's small dialogs: a reason or a comment, go to a segment, find, a segment's history.

Modal screens that return their answer through dismiss(); None means the person backed out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Checkbox, DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui import editor_io
from tui.cells import first_words
from tui.labels import state_mark
from tui.segment_nav import search
from tui.session import Session
from tui.widgets.dialog import Dialog
from workflow.i18n import _, format_datetime, ngettext
from workflow.models import Revision, Segment
from workflow.names import name

class ReasonDialog(Dialog):
    """Asks for one line of text: why a finding does not apply, or a comment (note or query)."""

    def __init__(self, title: str, about: str, placeholder: str, *, query_box: bool = False) -> None:
        super().__init__()
        self._title, self._about, self._placeholder, self._query_box = title, about, placeholder, query_box

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title", markup=False)
            yield Static(self._about, classes="dialog-about", markup=False)
            yield Input(placeholder=self._placeholder, id="reason")
            if self._query_box:
                yield Checkbox(_("a query (asks someone to answer)"), id="query")
            yield Static(_("Enter to record · Escape to cancel"), classes="dialog-hint", markup=False)

    @on(Input.Submitted, "#reason")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.notify(_("Write a few words first; they are recorded with your name."), severity="warning")
            return
        if self._query_box:
            self.dismiss((text, "query" if self.query_one("#query", Checkbox).value else "note"))
        else:
            self.dismiss(text)


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


class FindDialog(Dialog):
    """Searches the Korean and the English (as typed, saved or not) of every segment."""

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

    @on(Input.Submitted, "#query")
    def submitted(self) -> None:
        results = self.query_one("#results", OptionList)
        if results.option_count and results.highlighted is not None:
            self.dismiss(int(results.get_option_at_index(results.highlighted).id))

    @on(OptionList.OptionSelected, "#results")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))


def _result_prompt(segment: Segment, english: str | None) -> Text:
    text = Text(f"{segment.index:>4} {state_mark(segment.state)} ")
    text.append(first_words(segment.source, 24))
    text.append("  ")
    text.append(first_words(segment.target if english is None else english, 34), style="italic")
    return text


class HistoryDialog(Dialog):
    """Every revision of one segment, newest first, with the full text of the highlighted one."""

    class Loaded(Message):
        def __init__(self, revisions: list[Revision] | None, problem: str = "") -> None:
            super().__init__()
            self.revisions, self.problem = revisions, problem

    def __init__(self, session: Session, document_id: int, index: int, unsaved: bool) -> None:
        super().__init__()
        self.session, self.document_id, self.index, self._unsaved = session, document_id, index, unsaved
        self._revisions: list[Revision] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Label(_("History of segment {index}").format(index=self.index), classes="dialog-title")
            yield DataTable(id="revisions", cursor_type="row", zebra_stripes=True)
            yield Static(_("Loading…"), id="revision-text", markup=False)
            hint = _("Escape closes")
            if self._unsaved:
                hint = _("The English being typed is not saved yet, so it is not listed.") + " " + hint
            yield Static(hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#revisions", DataTable)
        for label, key in ((_("Time"), "time"), (_("Author"), "author"), (_("Role"), "role"), (_("English"), "text")):
            table.add_column(label, key=key, width=40 if key == "text" else None)
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        try:
            self.post_message(self.Loaded(editor_io.history(self.session, self.document_id, self.index)))
        except Exception as exc:  # noqa: BLE001 - shown in the dialog, never as a traceback
            self.post_message(self.Loaded(None, editor_io.problem_of(exc)))

    def on_history_dialog_loaded(self, message: Loaded) -> None:
        text = self.query_one("#revision-text", Static)
        if message.revisions is None:
            text.update(message.problem)
            return
        self._revisions = sorted(message.revisions, key=lambda r: r.id, reverse=True)
        table = self.query_one("#revisions", DataTable)
        for revision in self._revisions:
            # The newest row is not always the text in force: a stale save is kept aside (merged
            # into a later revision, or waiting in a conflict), and says so.
            english = Text(first_words(revision.text, 40))
            if revision.aside:
                english = Text.assemble((_("kept aside") + ": ", "dim italic"),
                                        first_words(revision.text, 40 - len(_("kept aside")) - 2))
            table.add_row(Text(format_datetime(revision.created_at, "medium")), Text(revision.author),
                          Text(name(revision.role)), english, key=str(revision.id))
        if not self._revisions:
            text.update(_("No revisions yet: this segment has never had English."))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self._revisions):
            revision = self._revisions[event.cursor_row]
            self.query_one("#revision-text", Static).update(revision.text or _("(empty)"))
