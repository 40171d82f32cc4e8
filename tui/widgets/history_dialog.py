"""A segment's history: every revision, newest first, its whole text and what it changed.

Each revision is one option of a list (wrapped by cells, never cut), headed by time, author and
role; below the list, the highlighted revision as a word diff against the revision it was made
from, in the [-deleted-]{+inserted+} markers, so the change reads without colour.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.editor.jobs import problem_of
from tui.session import Session
from tui.widgets.dialog import Dialog
from tui.widgets.diff_view import DiffView, legend
from workflow.i18n import _, format_datetime
from workflow.models import Revision
from workflow.names import name


def base_of(revision: Revision, by_id: dict[int, Revision], older: Revision | None) -> Revision | None:
    """The revision this one was made from (its parent), else the one saved just before it."""
    return by_id.get(revision.parent_id) if revision.parent_id in by_id else older


def revision_prompt(revision: Revision) -> Text:
    head = Text.assemble((format_datetime(revision.created_at, "medium"), "bold"), " · ", revision.author,
                         " · ", name(revision.role), (f"  #{revision.id}", "dim"))
    if revision.aside:
        # Kept in the history but never the segment's text: a save merged into a later revision,
        # or one waiting in a conflict. Said in words, not by dimming alone.
        head.append("  " + _("kept aside (not the segment's text)"), style="italic")
    body = Text(revision.text or _("(empty)"), style="dim" if revision.aside else "")
    return Text("\n").join([head, body])


class HistoryDialog(Dialog[None]):
    """Every revision of one segment, newest first, with the full text and a diff of each."""

    # Heights in vh so the list and the diff share a short terminal (80x24) and neither hides the other.
    DEFAULT_CSS = """
    HistoryDialog > .dialog-box {
        width: 100%;
        max-width: 140;
        height: auto;
        max-height: 100%;
    }
    HistoryDialog #revisions {
        height: auto;
        max-height: 50vh;
    }
    HistoryDialog #revision-diff-pane {
        height: auto;
        max-height: 35vh;
        border-top: solid $primary 50%;
        scrollbar-size-vertical: 1;
    }
    """

    class Loaded(Message):
        def __init__(self, revisions: list[Revision] | None, problem: str = "") -> None:
            super().__init__()
            self.revisions, self.problem = revisions, problem

    def __init__(self, session: Session, document_id: int, index: int, unsaved: bool) -> None:
        super().__init__()
        self.session, self.document_id, self.index, self._unsaved = session, document_id, index, unsaved
        self.revisions: list[Revision] = []  # newest first
        self._bases: dict[int, Revision | None] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = _("History of segment {index}").format(index=self.index)
            yield OptionList(id="revisions")
            with VerticalScroll(id="revision-diff-pane"):
                yield Label("", id="revision-diff-title", markup=False)
                yield DiffView(id="revision-diff")
            yield Static("", classes="dialog-error banner", markup=False)
            hint = Text.assemble(legend(), "  ", _("↑↓ picks · Escape closes"))
            if self._unsaved:
                hint = Text.assemble(_("The English being typed is not saved yet, so it is not listed."), " ", hint)
            yield Static(hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#revision-diff-title", Label).update(_("Loading…"))
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        try:
            with self.session.workspace() as workspace:
                revisions = workspace.documents.history(self.document_id, segment=self.index)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog, never as a traceback
            self.post_message(self.Loaded(None, problem_of(exc)))
            return
        self.post_message(self.Loaded(revisions))

    def on_history_dialog_loaded(self, message: Loaded) -> None:
        if message.revisions is None:
            self.show_error(message.problem)
            return
        oldest_first = sorted(message.revisions, key=lambda r: r.id)
        by_id = {r.id: r for r in oldest_first}
        self._bases = {r.id: base_of(r, by_id, oldest_first[i - 1] if i else None)
                       for i, r in enumerate(oldest_first)}
        self.revisions = oldest_first[::-1]
        options = self.query_one("#revisions", OptionList)
        options.set_options(Option(revision_prompt(r), id=str(r.id)) for r in self.revisions)
        if not self.revisions:
            self.query_one("#revision-diff-title", Label).update(
                _("No revisions yet: this segment has never had English."))
            return
        options.highlighted = 0
        options.focus()
        self.show_diff(self.revisions[0])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "revisions" and event.option_index < len(self.revisions):
            self.show_diff(self.revisions[event.option_index])

    def show_diff(self, revision: Revision) -> None:
        base = self._bases.get(revision.id)
        title = (_("Changes from #{base} ({author}) to #{revision}").format(
                     base=base.id, author=base.author, revision=revision.id) if base
                 else _("#{revision}: the first English").format(revision=revision.id))
        self.query_one("#revision-diff-title", Label).update(title)
        self.query_one("#revision-diff", DiffView).show(base.text if base else "", revision.text)
