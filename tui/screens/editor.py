"""The translator's editor: a segment list, the segment in hand (Korean beside English) and its panels.

Virtualized: one DataTable for the list, and one Korean view and one English TextArea re-bound to
whichever segment is current, so 5,000 segments cost what 20 do. Typing is never held up: checks
run in a thread worker after a short pause, and writes go through the write queue
(editor_writes.py): on leaving a segment, after an idle pause, or on ctrl+s.
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Static, TextArea

from glossaries.korean import preload_morphology

PRELOAD_DELAY_SECONDS = 1.5
from tui import editor_io, segment_nav
from tui.editor_io import Analysis, DocumentData
from tui.labels import state_mark
from tui.screens.editor_actions import SegmentActions
from tui.screens.editor_conflicts import ConflictActions
from tui.screens.editor_dialogs import FindDialog, GoToDialog
from tui.screens.editor_live import LiveEditor
from tui.screens.editor_writes import Reply, WriteQueue
from tui.session import Session
from tui.widgets.concordance_dialog import ConcordanceDialog
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.panels import CommentsPanel, FindingsPanel, GlossaryPanel, TmPanel
from tui.widgets.segment_list import SegmentList, segment_rows, widths_for
from tui.widgets.segment_texts import EnglishEditor, KoreanView
from workflow.i18n import N_, _
from workflow.models import Role, Segment, User
from workflow.names import name, names
from workflow.pairing_notes import shown


class EditorScreen(LiveEditor, ConflictActions, SegmentActions, WriteQueue, Screen):
    IDLE_SAVE_SECONDS: ClassVar[float] = 2.0  # a pause this long saves what was typed
    MAX_UNSAVED_SECONDS: ClassVar[float] = 10.0  # typing without a pause still saves this often
    ANALYSE_DELAY: ClassVar[float] = 0.2
    WIDE: ClassVar[int] = 120  # columns from which Korean and English sit side by side

    # Short descriptions for the footer; the tooltips name the commands in the palette.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Leave the English (again: back to the documents)")),
        Binding("ctrl+up,alt+up", "previous_segment", N_("Prev"), tooltip=N_("Previous segment")),
        Binding("ctrl+down,alt+down", "next_segment", N_("Next"), tooltip=N_("Next segment")),
        Binding("f3", "next_untranslated", N_("Untranslated"), tooltip=N_("Next untranslated segment (no English)")),
        Binding("f4", "next_finding", N_("Flagged"), tooltip=N_("Next segment with open findings")),
        Binding("f5", "next_draft", N_("Draft"), tooltip=N_("Next draft (or rejected) segment")),
        Binding("f8,ctrl+enter", "mark_translated", N_("Translated"), tooltip=N_("Mark the segment translated")),
        Binding("ctrl+s", "save", N_("Save"), tooltip=N_("Save the English now"), priority=True),
        Binding("ctrl+o", "copy_source", N_("Copy source"), tooltip=N_("Copy the Korean into the English")),
        Binding("ctrl+r", "insert_term", N_("Insert term"), tooltip=N_("Insert the glossary rendering of the term")),
        Binding("ctrl+t", "insert_tm", N_("Insert TM"),
                tooltip=N_("Replace the English with the best (or highlighted) TM match's English")),
        Binding("f6", "dismiss_finding", N_("Dismiss"), tooltip=N_("Dismiss the highlighted finding, with a reason")),
        # f7 is the English box's "select all"; alt+c for terminals that keep f12 to themselves.
        Binding("f12,alt+c", "resolve_conflict", N_("Conflict"),
                tooltip=N_("Compare the two texts of a segment in conflict and resolve it")),
        Binding("ctrl+l", "comment", N_("Comment"), tooltip=N_("Add a comment (note or query) to the segment")),
        Binding("f9", "history", N_("History"), tooltip=N_("The segment's revisions")),
        Binding("ctrl+f", "find", N_("Find"), tooltip=N_("Find in the document (Korean and English)")),
        Binding("ctrl+b", "concordance", N_("Concordance"),
                tooltip=N_("Search every past Korean and English in the translation memory")),
        Binding("ctrl+g", "go_to", N_("Go to"), tooltip=N_("Go to segment number")),
        Binding("f2", "toggle_panels", N_("Panels"), tooltip=N_("Show or hide the glossary, findings and comments")),
    ]

    def __init__(self, session: Session, document_id: int, title: str = "") -> None:
        super().__init__()
        self._init_writes()
        self._init_live()
        self._init_conflicts()
        self.session = session
        self.document_id = document_id
        self._title = title
        self._segments: list[Segment] = []
        self._words: list[int] = []
        self._counts: dict[int, editor_io.Counts] = {}
        self._comments: dict = {}
        self._user: User | None = None
        self._current = 0
        self._analysis: Analysis | None = None
        self._failed: dict[int, str] = {}  # index -> why its last save failed
        self._saved_at: dict[int, str] = {}
        self._idle_timer: Timer | None = None
        self._analyse_timer: Timer | None = None
        self._dirty_since: float | None = None
        self._reflow_timer: Timer | None = None
        self._closing = False
        self._english: EnglishEditor | None = None
        self._standing = ""  # a notice that stays (read-only), shown when nothing more pressing is

    # layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield SegmentList(id="segments")
        yield Static("", id="align-note", markup=False)
        with Container(id="workarea"):
            with Container(id="pair"):
                with VerticalScroll(id="korean-pane", classes="text-pane"):
                    yield KoreanView(id="korean")
                yield EnglishEditor(id="english")
            with Container(id="panels"):
                yield GlossaryPanel(id="glossary")
                yield FindingsPanel(id="findings")
                yield CommentsPanel(id="comments")
                yield TmPanel(id="tm")
        with Vertical(id="bottom"):
            yield Static("", id="notice", markup=False)
            yield Static(_("Loading…"), id="progress", markup=False)
            yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = self._title
        self.query_one("#align-note").display = False
        self.query_one(TmPanel).display = False  # until a segment has matches
        self.query_one("#notice").display = False
        english = self._english = self.query_one(EnglishEditor)
        english.read_only = True  # until the user's roles are known
        english.border_title = _("English")
        self.query_one("#korean-pane").border_title = _("Korean")
        self._set_layout()
        self.load(self.app.size.width)  # the screen itself has no size until its first layout

    def on_resize(self) -> None:
        self._set_layout()
        if self._reflow_timer is not None:
            self._reflow_timer.stop()
        self._reflow_timer = self.set_timer(0.3, self._reflow)

    def _set_layout(self) -> None:
        self.set_class((self.size.width or self.app.size.width) >= self.WIDE, "-wide")

    def _reflow(self) -> None:
        table = self.query_one(SegmentList)
        if self._segments and table.widths != widths_for(self.size.width, len(self._segments)):
            self.format_rows(self.size.width)

    # loading -------------------------------------------------------------------------------

    @work(thread=True, group="morphology")
    def preload(self) -> None:
        # Kiwi takes a second or two to load; pay it now, not at the first compound typed.
        preload_morphology()

    @work(thread=True, exclusive=True, group="load")
    def load(self, width: int) -> None:
        try:
            data = editor_io.load_document(self.session, self.document_id)
        except Exception as exc:  # noqa: BLE001 - shown on screen, never as a traceback
            self.post_message(Reply(self._load_failed, editor_io.problem_of(exc)))
            return
        widths = widths_for(width, len(data.segments))
        rows = segment_rows(data.segments, {}, widths, {})
        words = [segment_nav.korean_words(s.source) for s in data.segments]
        self.post_message(Reply(self._loaded, (data, rows, widths, words)))

    @work(thread=True, exclusive=True, group="counts")
    def count_findings(self) -> None:
        try:
            counts = editor_io.document_counts(self.session, self.document_id)
        except Exception:  # noqa: BLE001 - the list works without its marks; the panel still checks
            return
        self.post_message(Reply(self._counted, counts))

    def _after_first_paint(self) -> None:
        # Both hold the GIL for a while (checks over the whole document; loading kiwi), so they
        # start once the document is on screen rather than delay its first frame.
        self.count_findings()
        # Kiwi's load holds the GIL for a second; give the first frames and keys room before it.
        self.set_timer(PRELOAD_DELAY_SECONDS, self.preload)

    @work(thread=True, exclusive=True, group="rows")
    def format_rows(self, width: int) -> None:
        segments, counts, unsaved = list(self._segments), dict(self._counts), dict(self.unsaved)
        widths = widths_for(width, len(segments))
        self.post_message(Reply(self._formatted, (segment_rows(segments, counts, widths, unsaved), widths)))

    def on_reply(self, message: Reply) -> None:
        message.handler(message.value)

    def _load_failed(self, problem: str) -> None:
        self.sub_title = problem
        self._notice(problem, problem=True)
        self.query_one("#progress", Static).update("")
        self.notify(problem, title=_("Cannot open the document"), severity="error")

    def _loaded(self, value: tuple) -> None:
        data, rows, widths, words = value
        data: DocumentData
        self._title = data.document.title
        self.sub_title = f"#{self.document_id} {self._title}"
        self._segments, self._words, self._user = data.segments, words, data.user
        self._comments = data.comments
        self._audit_head = data.audit_head  # what later re-reads start from (editor_live.py)
        self.query_one(SegmentList).fill(rows, widths)
        english = self.query_one(EnglishEditor)
        english.read_only = not self._may("edit")
        self.refresh_bindings()
        self._update_progress()
        if not self._segments:
            self._notice(_("This document has no segments."))
            return
        if not self._may("edit"):
            who = self.session.user if self._user is None else f"{self._user.name} ({names(self._user.roles)})"
            self._standing = _("Read-only: {who} has no translator or editor role here.").format(who=who)
        self.go_to(1)
        english.focus()
        self.call_after_refresh(self._after_first_paint)

    def _counted(self, counts: dict) -> None:
        fresh = {i: c for i, c in self._counts.items() if i == self._current}  # typed text outranks saved
        self._counts = {**counts, **fresh}
        table = self.query_one(SegmentList)
        for index in set(counts) | set(fresh):
            table.update_segment(self._segments[index - 1], self._counts.get(index), self.unsaved.get(index))

    def _formatted(self, value: tuple) -> None:
        rows, widths = value
        if len(rows) == len(self._segments):
            self.query_one(SegmentList).fill(rows, widths, cursor=max(1, self._current))

    # roles -----------------------------------------------------------------------------------

    def _may(self, what: str) -> bool:
        user = self._user
        if user is None:
            return False
        if what == "edit":
            return user.has(Role.TRANSLATOR) or user.has(Role.EDITOR)
        if what == "mark":
            return user.has(Role.TRANSLATOR)
        return bool(user.roles)  # dismissing findings and commenting: anyone the desk knows

    GATED: ClassVar[dict[str, str]] = {
        "save": "edit", "copy_source": "edit", "insert_term": "edit", "insert_tm": "edit",
        "mark_translated": "mark",
        "dismiss_finding": "dismiss", "comment": "comment",
    }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Not offered at all (False hides it from the footer and the palette); the Workspace
        # would refuse anyway.
        if action == "resolve_conflict":
            return self._may("edit") and self.current is not None and self.current.conflict
        need = self.GATED.get(action)
        return True if need is None else self._may(need)

    # moving between segments -------------------------------------------------------------------

    @property
    def current(self) -> Segment | None:
        return self._segments[self._current - 1] if self._current else None

    def go_to(self, index: int) -> None:
        if not self._segments or not 1 <= index <= len(self._segments):
            return
        table = self.query_one(SegmentList)
        if index == self._current:
            table.show_index(index)
            return
        self._leave()
        self._current = index
        segment = self._segments[index - 1]
        self._analysis = None
        english = self.query_one(EnglishEditor)
        english.source_text = segment.source  # placeholders ctrl+k may insert
        english.load_text(self.unsaved.get(index, segment.target))
        english.move_cursor(english.document.end)
        self.query_one(KoreanView).show(segment.source)
        self.query_one("#korean-pane").scroll_home(animate=False)
        self.query_one(CommentsPanel).show(self._comments.get(index, []))
        note = self.query_one("#align-note", Static)
        note.display = segment.low_confidence
        if segment.align_note:
            note.update("⚠ " + _("Pairing doubtful: {note}").format(note=shown(segment.align_note)))
        self._notice(self._standing)
        self._show_conflict_notice()
        table.show_index(index)
        self._update_titles()
        self._analyse_now()
        self.query_one(TmPanel).show([])
        self.look_up_tm(index, segment.source)

    def _capture(self) -> None:
        """Take the English as it stands into `unsaved`: a key typed just before ctrl+down may
        not have had its Changed message handled yet, and it must be saved with the rest."""
        segment, english = self.current, self._english
        if segment is None or english is None or english.read_only:
            return
        text = english.text  # readable after unmount too, which is when the last flush runs
        if text != segment.target:
            self.unsaved[segment.index] = text

    def _leave(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.stop()
        self._dirty_since = None
        self._capture()
        if self._current and self._current in self.unsaved:
            self.queue_save(self._current)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Refilling the list (on resize) highlights row 0 on the way: only the row the cursor is
        # still on counts, or the editor would hop to segment 1 and back.
        table = event.data_table
        if table.id == "segments" and self._segments and event.cursor_row == table.cursor_row:
            self.go_to(event.cursor_row + 1)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "segments":
            self.query_one(EnglishEditor).focus()

    def _step(self, step: int) -> None:
        if self._current:
            self.go_to(min(max(1, self._current + step), len(self._segments)))

    def action_next_segment(self) -> None:
        self._step(1)

    def action_previous_segment(self) -> None:
        self._step(-1)

    def _jump(self, wanted, none_left: str) -> None:
        if not self._current:
            return
        found = segment_nav.next_index(self._segments, self._current, wanted)
        if found is None:
            self.notify(none_left)
        else:
            self.go_to(found)

    def action_next_untranslated(self) -> None:
        self._jump(segment_nav.untranslated, _("No other segment is without English."))

    def action_next_draft(self) -> None:
        self._jump(segment_nav.needs_work, _("No other segment is a draft or sent back."))

    def action_next_finding(self) -> None:
        self._jump(lambda s: any(self._counts.get(s.index, (0, 0))), _("No other segment is flagged by a check."))

    def action_go_to(self) -> None:
        if self._segments:
            self.app.push_screen(GoToDialog(len(self._segments)), self._chosen)

    def action_find(self) -> None:
        if self._segments:
            self.app.push_screen(FindDialog(self._segments, self.unsaved), self._chosen)

    def action_concordance(self) -> None:
        # Seeded with the English selection, if any: "how did we render this before?"
        selected = self.query_one(EnglishEditor).selected_text.strip()
        self.app.push_screen(ConcordanceDialog(self.session, selected[:80]))

    def _chosen(self, index: int | None) -> None:
        if index is not None:
            self.go_to(index)
            self.query_one(EnglishEditor).focus()

    async def flush(self) -> bool:
        self._capture()
        return await super().flush()

    async def action_back(self) -> None:
        # Escape steps out one level: a panel to the English, the English to the list, the
        # list to the documents.
        focused = self.focused
        if focused is not None and focused.parent is self.query_one("#panels"):
            self.query_one(EnglishEditor).focus()
            return
        if isinstance(focused, EnglishEditor):
            self.query_one(SegmentList).focus()
            return
        if await self.flush():
            self.dismiss(None)  # the app may open the documents list on that
        else:
            self._unsaved_warning()

    async def on_unmount(self) -> None:
        # Last line of defence (the app torn down some other way): write what was typed.
        self._closing = True
        if self.unsaved or self.writing:
            await self.flush()

    def _unsaved_warning(self) -> None:
        indexes = ", ".join(map(str, sorted(self.unsaved)))
        self.notify(_("Segment {indexes} could not be saved; the text is still in the editor.").format(indexes=indexes),
                    title=_("Not saved"), severity="error")

    # typing ----------------------------------------------------------------------------------

    @on(TextArea.Changed, "#english")
    def typed(self, event: TextArea.Changed) -> None:
        segment = self.current
        if segment is None:
            return
        text = event.text_area.text
        if text != segment.target:
            self.unsaved[self._current] = text
            self._schedule_idle_save()
        else:
            self.unsaved.pop(self._current, None)
        if self._analyse_timer is not None:
            self._analyse_timer.stop()
        self._analyse_timer = self.set_timer(self.ANALYSE_DELAY, self._analyse_now)
        self._update_titles()

    def _schedule_idle_save(self) -> None:
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        delay = min(self.IDLE_SAVE_SECONDS, max(0.0, self._dirty_since + self.MAX_UNSAVED_SECONDS - now))
        if self._idle_timer is not None:
            self._idle_timer.stop()
        self._idle_timer = self.set_timer(delay, self._idle_save)

    def _idle_save(self) -> None:
        self._dirty_since = None
        self._save_all()

    def _save_all(self) -> None:
        self._capture()
        # Segments whose save failed earlier get another try with this one.
        for index in sorted(self.unsaved):
            self.queue_save(index)
        self._update_titles()

    def action_save(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.stop()
        self._dirty_since = None
        if not self.unsaved and not self.writing:
            self.notify(_("Nothing to save: the workspace has this text."), timeout=2)
        self._save_all()

    # checks as you type -------------------------------------------------------------------------

    def _analyse_now(self) -> None:
        segment = self.current
        if segment is not None:
            self.analyse(segment, self.query_one(EnglishEditor).text)

    @work(thread=True, exclusive=True, group="analyse")
    def analyse(self, segment: Segment, text: str) -> None:
        try:
            result = editor_io.analyse(self.session, self.document_id, segment, text)
        except Exception as exc:  # noqa: BLE001 - typing goes on; the notice says checks are off
            self.post_message(Reply(self._notice, _("Checks unavailable: {problem}").format(
                problem=editor_io.problem_of(exc))))
            return
        self.post_message(Reply(self._analysed, result))

    @work(thread=True, exclusive=True, group="tm")
    def look_up_tm(self, index: int, source: str) -> None:
        try:
            found = editor_io.tm_matches(self.session, index, source)
        except Exception:  # noqa: BLE001 - translating goes on without the memory
            return
        self.post_message(Reply(self._tm_found, found))

    def _tm_found(self, found: tuple) -> None:
        index, matches = found
        if index == self._current:
            self.query_one(TmPanel).show(matches)

    def _analysed(self, result: Analysis) -> None:
        english = self.query_one(EnglishEditor)
        if result.index != self._current or result.text != english.text:
            return  # typed on since; a newer analysis is on its way
        self._analysis = result
        self.query_one(KoreanView).show(self.current.source, result.uses)
        self.query_one(GlossaryPanel).show(result.uses)
        self.query_one(FindingsPanel).show(result.findings)
        self._counts[result.index] = editor_io.open_counts(result.findings)
        self.query_one(SegmentList).update_segment(self.current, self._counts[result.index], result.text)

    # status ------------------------------------------------------------------------------------

    def _notice(self, text: str, *, problem: bool = False) -> None:
        notice = self.query_one("#notice", Static)
        notice.update(text)
        notice.set_class(problem, "problem")
        notice.display = bool(text)

    def _notice_problem(self, problem: str, title: str = "") -> None:
        self._notice(problem, problem=True)
        self.notify(problem, title=title or _("Not done"), severity="error")

    def _update_progress(self) -> None:
        user = self._user
        who = (f"{user.name} ({names(user.roles) or _('no role')})" if user
               else _("{user} (not a user here)").format(user=self.session.user))
        text = segment_nav.progress_text(self._segments, self._words)
        self.query_one("#progress", Static).update(f"{text} · {who}")

    def _update_titles(self) -> None:
        segment = self.current
        if segment is None:
            return
        index = segment.index
        self.query_one("#korean-pane").border_title = (
            _("Korean") + f" · {index}/{len(self._segments)} · {name(segment.kind)}"
        )
        english = self.query_one(EnglishEditor)
        read_only = " · " + _("read-only") if english.read_only else ""
        english.border_title = _("English") + f" · {state_mark(segment.state)} {name(segment.state)}{read_only}"
        if index in self._failed and index in self.unsaved:
            english.border_subtitle = "✗ " + _("not saved")
        elif index in self.unsaved:
            english.border_subtitle = "● " + _("unsaved")
        elif index in self._saved_at:
            english.border_subtitle = _("saved {time}").format(time=self._saved_at[index])
        else:
            english.border_subtitle = ""
