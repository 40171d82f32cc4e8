"""The glossary screen: browse and search the house terms, see one term's history and impact,
and (for terminologists) add, edit, approve, reject and deprecate; everyone else may propose.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Label, Select, Static

from glossaries.model import Term
from tui.live import WorkspaceChanged
from tui.session import Session
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.term_decision import Decision, TermDecision
from tui.widgets.term_detail import TermDetail, TermDetails, gather
from tui.widgets.term_form import Mode, TermForm
from tui.widgets.term_labels import STATUS_ORDER, status_label, term_legend
from tui.widgets.term_table import TermTable
from workflow.errors import TandemError
from workflow.i18n import N_, _, ngettext
from workflow.models import MAINTAIN, PROPOSE
from workflow.names import name

ALL = "all"
STATUS_VALUES = [ALL, *(s.value for s in STATUS_ORDER)]


def status_choices() -> list[tuple[str, str]]:
    """The filter's options, labelled in the current language."""
    return [(_("All statuses"), ALL), *((status_label(s), s.value) for s in STATUS_ORDER)]
# Long enough to let a word be typed (Hangul composes letter by letter), short enough to feel live.
SEARCH_DELAY = 0.25
# Impact reads every segment in the workspace; holding an arrow key should not queue one per row.
DETAIL_DELAY = 0.15
MAINTAINING = {"add", "edit", "approve", "reject", "deprecate"}
DONE = {"add": N_("Term #{id} added."), "propose": N_("Term #{id} proposed."), "edit": N_("Term #{id} changed."),
        "approve": N_("Term #{id} approved."), "reject": N_("Term #{id} rejected."),
        "deprecate": N_("Term #{id} deprecated.")}
DECISIONS = ("approve", "reject", "deprecate")  # each term's allowed ones come with it (Glossary.decisions)


class GlossaryScreen(Screen):
    DEFAULT_CSS = """
    GlossaryScreen #glossary-bar {
        height: 1;
        padding: 0 1;
        margin-bottom: 1;
    }
    GlossaryScreen #glossary-bar Label {
        padding-right: 1;
        color: $text-muted;
    }
    GlossaryScreen #term-search {
        width: 1fr;
    }
    GlossaryScreen #term-status {
        width: 22;
        margin-left: 2;
    }
    GlossaryScreen #glossary-body {
        height: 1fr;
    }
    GlossaryScreen.-wide #glossary-body {
        layout: horizontal;
    }
    GlossaryScreen.-narrow #glossary-body {
        layout: vertical;
    }
    GlossaryScreen.-wide #terms {
        width: 3fr;
        height: 1fr;
    }
    GlossaryScreen.-wide #term-detail {
        width: 2fr;
        border-left: vkey $primary 50%;
    }
    GlossaryScreen.-narrow #term-detail {
        border-top: hkey $primary 50%;
    }
    GlossaryScreen #glossary-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    GlossaryScreen #glossary-status.problem {
        color: $error;
    }
    """
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"), (140, "-wide")]
    AUTO_FOCUS = "#terms"
    BINDINGS: ClassVar[list[BindingType]] = [
        # One key, two actions: check_action leaves exactly one of them to each user.
        Binding("n", "add", description=N_("New term")),
        Binding("n", "propose", description=N_("Propose term")),
        Binding("e", "edit", description=N_("Edit")),
        Binding("a", "approve", description=N_("Approve")),
        Binding("x", "reject", description=N_("Reject")),
        Binding("d", "deprecate", description=N_("Deprecate")),
        Binding("slash", "search", description=N_("Search")),
        Binding("s", "next_status", description=N_("Status filter")),
        Binding("r", "refresh", description=N_("Refresh")),
        Binding("escape", "back", description=N_("Back")),
    ]

    class TermsLoaded(Message):
        def __init__(self, generation: int, terms: list[Term], can_propose: bool,
                     can_maintain: bool, decisions: dict[int, tuple[str, ...]]) -> None:
            super().__init__()
            self.generation = generation
            self.terms = terms
            self.can_propose = can_propose
            self.can_maintain = can_maintain
            self.decisions = decisions

    class DetailLoaded(Message):
        def __init__(self, generation: int, details: TermDetails) -> None:
            super().__init__()
            self.generation = generation
            self.details = details

    class ArchiveLoaded(Message):
        def __init__(self, generation: int, term_id: int, line: str) -> None:
            super().__init__()
            self.generation = generation
            self.term_id = term_id
            self.line = line

    class GlossaryMoved(Message):
        def __init__(self, version: int) -> None:
            super().__init__()
            self.version = version

    class Failed(Message):
        def __init__(self, what: str, generation: int, problem: str) -> None:
            super().__init__()
            self.what = what
            self.generation = generation
            self.problem = problem

    def __init__(self, session: Session, *, proposals_first: bool = False) -> None:
        """`proposals_first`: a terminologist's start (workflow.home), their open work at the top."""
        super().__init__()
        self.session = session
        self._proposals_first = proposals_first
        self.can_propose = False
        self.can_maintain = False
        self.decisions: dict[int, tuple[str, ...]] = {}  # term id -> what its status allows now
        # Workers cannot be stopped mid-query, so each answer carries the request it answers and
        # only the latest request's answer is shown.
        self._terms_generation = 0
        self._detail_generation = 0
        self._live_generation = -1  # the terms request made because the workspace changed
        self._version: int | None = None  # the glossary version last noticed (live refresh)
        self._detail_term: int | None = None
        self._select_next: int | None = None
        self._search_timer: Timer | None = None
        self._detail_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="glossary-bar"):
            yield Label(_("Search"))
            yield Input(placeholder=_("Korean or English, any form"), id="term-search", compact=True)
            yield Select(status_choices(), value=ALL, allow_blank=False, id="term-status", compact=True)
        with Container(id="glossary-body"):
            yield TermTable(id="terms")
            yield TermDetail(id="term-detail")
        yield Static(_("Loading the glossary…"), id="glossary-status", markup=False)
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        # Also on first display; back from another screen, the glossary may have changed.
        self.load_terms()

    # loading ---------------------------------------------------------------------------

    def load_terms(self) -> None:
        self._terms_generation += 1
        status = self.query_one("#term-status", Select).value
        search = self.query_one("#term-search", Input).value.strip()
        self._fetch_terms(self._terms_generation, None if status == ALL else str(status), search)

    @work(thread=True, exclusive=True, group="terms")
    def _fetch_terms(self, generation: int, status: str | None, search: str) -> None:
        try:
            with self.session.workspace() as workspace:
                terms = workspace.glossary.terms(status=status, search=search or None)
                if self._proposals_first:
                    terms = workspace.glossary.proposals_first(terms)
                may = workspace.review.permissions(self.session.user)
                can_propose, can_maintain = may.may(PROPOSE), may.may(MAINTAIN)
                decisions = {term.id: workspace.glossary.decisions(term) for term in terms}
        except TandemError as exc:
            self.post_message(self.Failed("terms", generation, str(exc)))
            return
        self.post_message(self.TermsLoaded(generation, terms, can_propose, can_maintain, decisions))

    def on_glossary_screen_terms_loaded(self, message: TermsLoaded) -> None:
        if message.generation != self._terms_generation:
            return
        table = self.query_one(TermTable)
        if (message.generation == self._live_generation and message.terms == table.terms
                and (message.can_propose, message.can_maintain) == (self.can_propose, self.can_maintain)):
            # Someone else's change left the list as it was; only the term's impact may have moved.
            if self._detail_term is not None:
                self._detail_generation += 1
                self._fetch_detail(self._detail_generation, self._detail_term)
            return
        self.can_propose, self.can_maintain = message.can_propose, message.can_maintain
        self.decisions = message.decisions
        current = table.highlighted()
        keep = self._select_next or (current.id if current else None)
        self._select_next = None
        table.show(message.terms, keep)
        self._status(self._count_line(len(message.terms)))
        # The highlighted term may have changed under the same id (an edit), so always re-read it.
        self._detail_term = None
        self._show_highlighted(delay=0)
        self.refresh_bindings()

    def _count_line(self, count: int) -> str:
        search = self.query_one("#term-search", Input).value.strip()
        status = self.query_one("#term-status", Select).value
        what = ngettext("{count} term", "{count} terms", count).format(count=count)
        if status != ALL:
            what += f" {name(status)}"
        if search:
            what += " " + _("matching “{search}”").format(search=search)
        return f"{what}     {term_legend()}"

    def _show_highlighted(self, delay: float = DETAIL_DELAY) -> None:
        term = self.query_one(TermTable).highlighted()
        detail = self.query_one(TermDetail)
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        if term is None or term.id is None:
            self._detail_term = None
            self._detail_generation += 1
            detail.show_message(_("No terms to show.") if not self.query_one(TermTable).row_count else "")
            return
        if term.id == self._detail_term:
            return
        self._detail_term = term.id
        self._detail_generation += 1
        detail.show_term(term)
        generation, term_id = self._detail_generation, term.id
        if delay:
            self._detail_timer = self.set_timer(delay, lambda: self._fetch_detail(generation, term_id))
        else:
            self._fetch_detail(generation, term_id)

    @work(thread=True, exclusive=True, group="term-detail")
    def _fetch_detail(self, generation: int, term_id: int) -> None:
        try:
            with self.session.workspace() as workspace:
                # Posted first, so the archive's line is on screen by the time the rest of the detail is.
                archive = workspace.archive.renderings(term_id).describe()
                self.post_message(self.ArchiveLoaded(generation, term_id, archive))
                details = gather(workspace, term_id)
        except TandemError as exc:
            self.post_message(self.Failed("detail", generation, str(exc)))
            return
        self.post_message(self.DetailLoaded(generation, details))

    def on_glossary_screen_archive_loaded(self, message: ArchiveLoaded) -> None:
        if message.generation == self._detail_generation:
            self.query_one(TermDetail).show_archive(message.term_id, message.line)

    def on_glossary_screen_detail_loaded(self, message: DetailLoaded) -> None:
        if message.generation == self._detail_generation:
            self.query_one(TermDetail).show(message.details)

    def on_glossary_screen_failed(self, message: Failed) -> None:
        if message.what == "terms" and message.generation == self._terms_generation:
            self._status(message.problem, problem=True)
            self.notify(message.problem, title=_("Cannot list the glossary"), severity="error")
        elif message.what == "detail" and message.generation == self._detail_generation:
            self.query_one(TermDetail).show_message(message.problem, problem=True)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # approve, reject and deprecate depend on the term's status
        self._show_highlighted()

    @on(Input.Changed, "#term-search")
    def search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.load_terms)

    @on(Input.Submitted, "#term-search")
    def search_submitted(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.load_terms()
        self.query_one(TermTable).focus()

    @on(Select.Changed, "#term-status")
    def status_changed(self) -> None:
        self.load_terms()

    # actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden (False) when the role can never do it; greyed (None) when only this term can't.
        if action == "propose":
            return self.can_propose and not self.can_maintain
        if action not in MAINTAINING:
            return True
        if not self.can_maintain:
            return False
        if action == "add":
            return True
        term = self.query_one(TermTable).highlighted()
        if term is None:
            return None
        if action in DECISIONS:
            return True if action in self.decisions.get(term.id, ()) else None
        return True

    def action_add(self) -> None:
        self._open_form("add")

    def action_propose(self) -> None:
        self._open_form("propose")

    def action_edit(self) -> None:
        self._open_form("edit")

    def action_approve(self) -> None:
        self._decide("approve")

    def action_reject(self) -> None:
        self._decide("reject")

    def action_deprecate(self) -> None:
        self._decide("deprecate")

    def action_search(self) -> None:
        self.query_one("#term-search", Input).focus()

    def action_next_status(self) -> None:
        select = self.query_one("#term-status", Select)
        values = STATUS_VALUES
        select.value = values[(values.index(str(select.value)) + 1) % len(values)]

    def action_refresh(self) -> None:
        self.load_terms()

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        self._check_version(self._version)

    @work(thread=True, exclusive=True, group="glossary-version")
    def _check_version(self, known: int | None) -> None:
        # A segment saved anywhere moves the data version too; only a term's change reloads the list
        # (a term's impact is re-read when it is highlighted, or with r).
        try:
            with self.session.workspace() as workspace:
                version = workspace.glossary.version()
        except TandemError:
            return
        if version != known:
            self.post_message(self.GlossaryMoved(version))

    def on_glossary_screen_glossary_moved(self, message: GlossaryMoved) -> None:
        self._version = message.version
        self.load_terms()
        self._live_generation = self._terms_generation

    def action_back(self) -> None:
        # Escape first returns to the list (from the search box, the filter or the detail pane,
        # keeping the filter), and from the list leaves the screen.
        terms = self.query_one(TermTable)
        if terms.has_focus:
            self.app.pop_screen()
        else:
            terms.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter on a term goes to its detail, to scroll through a long history or impact list.
        self.query_one(TermDetail).focus()

    def _open_form(self, mode: Mode) -> None:
        term = self.query_one(TermTable).highlighted() if mode == "edit" else None
        if mode == "edit" and term is None:
            return
        self.app.push_screen(TermForm(self.session, mode, term), partial(self._stored, mode))

    def _decide(self, decision: Decision) -> None:
        term = self.query_one(TermTable).highlighted()
        if term is not None:
            self.app.push_screen(TermDecision(self.session, decision, term),
                                 partial(self._stored, decision))

    def _stored(self, action: str, term_id: int | None) -> None:
        if term_id is None:
            return
        self.notify(_(DONE[action]).format(id=term_id), title=_("Glossary"))
        self._select_next = term_id
        self.load_terms()

    def _status(self, text: str, *, problem: bool = False) -> None:
        status = self.query_one("#glossary-status", Static)
        status.update(text)
        status.set_class(problem, "problem")
