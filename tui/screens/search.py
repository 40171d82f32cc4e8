"""The archive search screen: a text in the Korean and the English of every document (workflow.archive).

The search runs in a worker as the person types (a pause of DEBOUNCE_SECONDS first); each answer
carries the request it answers, and only the latest one is shown. A row shows where the hit is, its
Korean with the searched text marked and its English with the searched text, or the glossary's
rendering of the searched Korean, marked (bold underline, so it reads without colour); below the
list, the highlighted hit in full. Enter opens the segment in the editor, over this screen, so
Escape there comes back to the results; a hit in the document the search was opened from goes back
to that editor instead (the screen dismisses with (document id, segment number)).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Label, Static

from tui.session import Session
from tui.widgets.concordance_dialog import fill_hits, marked
from tui.widgets.keys_footer import LocalizedFooter
from tui.widgets.pick_table import PickTable
from workflow.errors import TandemError
from workflow.i18n import N_, _, format_datetime, format_number, ngettext
from workflow.workspace import ArchiveFound, ArchiveHit

DEBOUNCE_SECONDS = 0.25  # long enough for a Hangul syllable to compose, short enough to feel live


class SearchScreen(Screen[tuple[int, int] | None]):
    DEFAULT_CSS = """
    SearchScreen #archive-bar {
        height: 1;
        margin: 1 1 0 1;
    }
    SearchScreen #archive-bar Label {
        padding: 0 1 0 0;
    }
    SearchScreen #archive-query {
        width: 1fr;
        margin-right: 2;
    }
    SearchScreen #archive-tag {
        width: 14;
        margin-right: 2;
    }
    SearchScreen #archive-since {
        width: 14;
    }
    SearchScreen #archive-count {
        height: 1;
        margin: 0 1;
        color: $text-muted;
    }
    SearchScreen #archive-count.problem {
        color: $error;
    }
    SearchScreen #archive-results {
        height: 1fr;
        min-height: 3;
    }
    SearchScreen #archive-detail {
        height: auto;
        max-height: 35vh;
        border-top: solid $primary 50%;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", description=N_("Back")),
        Binding("slash", "to_query", description=N_("Search"), tooltip=N_("Back to the search text")),
    ]

    class Found(Message):
        def __init__(self, request: int, found: ArchiveFound | None) -> None:
            super().__init__()
            self.request = request
            self.found = found  # None: nothing asked (an empty query)

    class Failed(Message):
        def __init__(self, request: int, problem: str) -> None:
            super().__init__()
            self.request = request
            self.problem = problem

    def __init__(self, session: Session, query: str = "", *, document_id: int | None = None) -> None:
        """`document_id`: the document whose editor opened the search; its hits read "seg N"."""
        super().__init__()
        self.session = session
        self.document_id = document_id
        self._initial = query
        self._request = 0
        self._timer: Timer | None = None
        self.hits: list[ArchiveHit] = []
        self._width = 0
        self.title = _("Search the archive")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="archive-bar"):
            yield Input(value=self._initial, placeholder=_("Korean or English, inside words too"),
                        id="archive-query", compact=True)
            yield Label(_("Tag"))
            yield Input(placeholder=_("any"), id="archive-tag", compact=True)
            yield Label(_("Since"))
            yield Input(placeholder=_("any date"), id="archive-since", compact=True)
        yield Static(_("Type to search every document's Korean and English."), id="archive-count", markup=False)
        yield PickTable(id="archive-results")
        with VerticalScroll(id="archive-detail"):
            yield Static("", id="archive-full", markup=False)
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.query_one("#archive-query", Input).focus()
        if self._initial:
            self._ask()

    def on_resize(self) -> None:
        if self.query_one(DataTable).size.width != self._width:
            self._fill(keep=True)

    # asking ------------------------------------------------------------------------------------

    @on(Input.Changed)
    def typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._ask)

    @on(Input.Submitted)
    def submitted(self) -> None:
        if self._timer is not None:  # Enter asks now, without waiting for the pause
            self._timer.stop()
            self._timer = None
            self._ask()
        table = self.query_one(DataTable)
        if self.hits and table.has_focus:
            # A second Enter typed before the first moved the focus reached the box too: it meant the hit.
            table.action_select_cursor()
        elif self.hits:
            self.set_focus(table)

    def _ask(self) -> None:
        self._timer = None
        self._request += 1
        self.search(self._request, self.query_one("#archive-query", Input).value,
                    self.query_one("#archive-tag", Input).value, self.query_one("#archive-since", Input).value)

    @work(thread=True, exclusive=True, group="archive")
    def search(self, request: int, query: str, tag: str, since: str) -> None:
        if not query.strip():
            self.post_message(self.Found(request, None))
            return
        try:
            with self.session.workspace() as workspace:
                found = workspace.archive.search(query, tag=tag or None, since=since or None)
        except TandemError as exc:
            self.post_message(self.Failed(request, str(exc)))
            return
        self.post_message(self.Found(request, found))

    def on_search_screen_found(self, message: Found) -> None:
        if message.request != self._request:
            return  # an answer to something the person has since typed over
        found = message.found
        self.hits = found.hits if found is not None else []
        self._fill(keep=False)
        self._count(_count_line(found))

    def on_search_screen_failed(self, message: Failed) -> None:
        if message.request == self._request:
            self.hits = []
            self._fill(keep=False)
            self._count(message.problem, problem=True)

    def _count(self, text: str, *, problem: bool = False) -> None:
        line = self.query_one("#archive-count", Static)
        line.update(text)
        line.set_class(problem, "problem")

    # showing -----------------------------------------------------------------------------------

    def _fill(self, *, keep: bool) -> None:
        """The hits in columns sized to the table's width now (again on each resize)."""
        table = self.query_one(DataTable)
        self._width = table.size.width
        row = fill_hits(table, self.hits, [self._where(hit) for hit in self.hits], keep=keep)
        if row is not None:
            self.show_hit(self.hits[row])
        elif table.size.width > 2:
            self.query_one("#archive-full", Static).update("")

    def _where(self, hit: ArchiveHit) -> str:
        if hit.document_id == self.document_id:
            return _("seg {index}").format(index=hit.index)
        return _("#{document}·{index}").format(document=hit.document_id, index=hit.index)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.hits):
            self.show_hit(self.hits[event.cursor_row])

    def show_hit(self, hit: ArchiveHit) -> None:
        head = _("Document {id} «{title}», segment {index}").format(id=hit.document_id, title=hit.title,
                                                                    index=hit.index)
        about = "  " + format_datetime(hit.created_at) + ("  · " + ", ".join(hit.tags) if hit.tags else "")
        self.query_one("#archive-full", Static).update(Text("\n").join([
            Text(head, style="bold") + Text(about, style="dim"), marked(hit.source, hit.source_spans),
            marked(hit.target, hit.target_spans) if hit.target else Text(_("(no English yet)"), style="italic")]))

    # opening -----------------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if not 0 <= event.cursor_row < len(self.hits):
            return
        hit = self.hits[event.cursor_row]
        if hit.document_id == self.document_id:
            self.dismiss(hit.where)  # the editor it came from goes to the segment
            return
        from tui.screens.document import DocumentScreen

        # Over this screen: Escape in the editor comes back to these results.
        self.app.push_screen(DocumentScreen(self.session, hit.document_id, hit.title, start_at=hit.index))

    def action_to_query(self) -> None:
        self.query_one("#archive-query", Input).focus()

    def action_back(self) -> None:
        self.dismiss(None)


def _count_line(found: ArchiveFound | None) -> str:
    if found is None:
        return _("Type to search every document's Korean and English.")
    if not found.hits:
        return _("No matches for {text!r} in any document.").format(text=found.query)
    hits = ngettext("{count} match", "{count} matches", len(found.hits)).format(count=format_number(len(found.hits)))
    documents = ngettext("{count} document", "{count} documents", found.documents).format(
        count=format_number(found.documents))
    line = _("{matches} in {documents}, the newest document first").format(matches=hits, documents=documents)
    if found.more:
        line += " · " + _("only the first {count}: add words, a tag or a date").format(
            count=format_number(len(found.hits)))
    return line + " · " + _("Enter opens the segment")
