"""The translator's editor: a segment list, the segment in hand (Korean beside English) and its panels.

A thin screen over EditorState (tui/editor/state.py), which holds the rules: it maps the state's
answers onto widgets and sends the person's intents to it. Virtualized: one DataTable for the list,
and one Korean view and one English TextArea re-bound to whichever segment is current, so 5,000
segments cost what 20 do. Reads, checks and writes each run on a long-lived thread with its own
Workspace (tui/editor/threads.py), started by plain objects (editor_fetches.Fetches for reads and
checks, tui/editor/writer.Writer for writes); results come back as named messages.

Keys take effect in the order they were typed: the English box and the list run a key's binding
(moving, dialogs, saving) from their own queue, in its turn (tui/widgets/key_order.py). So the
letters typed before ctrl+down are saved with the segment left, ctrl+s saves exactly what is on
screen, and after a key that opened a dialog the rest of a burst (ctrl+g, 6, Enter, typed while the
app was busy) goes to the dialog, never into the segment that was open before it.
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, Header, Static, TextArea

from tui.cells import printable
from tui import segment_nav
from tui.editor.jobs import MarkJob, Outcome
from tui.editor.reads import Analysis, DocumentData
from tui.editor.state import EditorState, Landed
from tui.editor.threads import WorkspaceThread
from tui.editor.writer import Writer
from tui.labels import CONFLICT_MARK, LOCK_MARK
from tui.screens import editor_keys
from tui.screens import editor_messages as messages
from tui.screens.editor_dialogs import HistoryDialog
from tui.screens.editor_fetches import Fetches, loaded
from tui.screens.editor_inserts import Inserts
from tui.screens.editor_lookups import Lookups
from tui.screens.editor_questions import Questions
from tui.screens.editor_repair import PairingRepair
from tui.session import Session
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.review_signoff_dialog import SignOffDialog
from tui.widgets.segment_list import SegmentList, widths_for
from tui.widgets.segment_panels import SegmentPanels
from tui.widgets.segment_texts import EnglishEditor, KoreanView, finding_marks
from workflow.models import is_work, locked_refusal
from workflow.i18n import _
from workflow.models import Move, Segment, shown
from workflow.names import name, names

FOCUS_MARK = "▸ "  # the focused pane says so in its title, not by colour alone


class EditorScreen(Screen):
    IDLE_SAVE_SECONDS: ClassVar[float] = 2.0  # a pause this long saves what was typed
    MAX_UNSAVED_SECONDS: ClassVar[float] = 10.0  # typing without a pause still saves this often
    ANALYSE_DELAY: ClassVar[float] = 0.2
    COUNT_DELAY: ClassVar[float] = 0.3  # writes settle before the whole document is recounted
    WIDE: ClassVar[int] = 120  # columns from which Korean and English sit side by side

    BINDINGS: ClassVar[list[BindingType]] = editor_keys.BINDINGS
    GATED: ClassVar[dict[str, str]] = editor_keys.GATED

    def __init__(self, session: Session, document_id: int, title: str = "", *, start_at: int = 1,
                 data: DocumentData | None = None) -> None:
        """`data`: the document as the app already read it while opening the workspace, so the
        first frame of the editor shows it (no second trip to a thread before anything is seen)."""
        super().__init__()
        self._start_at = start_at
        self._preloaded = data
        self.session = session
        self.document_id = document_id
        self._title = printable(title)
        self.state = EditorState()
        self._reads = WorkspaceThread(session.location, "reads")
        self._checks = WorkspaceThread(session.location, "checks")
        self._writes = WorkspaceThread(session.location, "writes")
        self.fetches = Fetches(self._reads, self._checks, document_id, session.user, self.state,
                               start=lambda work, group: self.run_worker(work, group=group, exclusive=True),
                               post=self.post_message)
        self._words: list[int] = []
        self._analysis: Analysis | None = None
        self._shown: tuple | None = None  # what the panels show: (index, findings, term uses)
        self._idle_timer: Timer | None = None
        self._analyse_timer: Timer | None = None
        self._count_timer: Timer | None = None
        self._reflow_timer: Timer | None = None
        self._dirty_since: float | None = None
        self._writer = Writer(self.state, self._writes, session.user, document_id,
                              start=lambda work: self.run_worker(work, group="write", exit_on_error=False),
                              posted=lambda outcome: self.post_message(messages.Written(outcome)),
                              landed=self._apply)
        self._closing = False
        self.questions: Questions  # set on mount, when the screen has its app
        # Asked by check_action from the first refresh of the bindings, so made here, with callables.
        self.repair = PairingRepair(self.state, self._queue, push=lambda *a: self.app.push_screen(*a),
                                    bell=lambda: self.app.bell(), flush=self.flush, notice=self._notice,
                                    hold=self._hold_english, focus=lambda: self.english.focus(),
                                    unsaved=self._unsaved_warning, cursor=lambda: self.english.cursor_offset)
        self.lookups: Lookups  # set on mount, as questions
        self.inserts: Inserts  # set on mount, as questions
        self._to_finding = False  # put the cursor on the first finding once the analysis lands
        self._english: EnglishEditor | None = None
        self._standing = ""  # a notice that stays (read-only), shown when nothing more pressing is
        # The segment whose box shows someone else's save, said in the notice until the person moves:
        # a later, unrelated commit (a colleague's elsewhere, a helper's) must not wipe the why.
        self._their_text: int | None = None
        self._reloading = False  # the document is read again (after a move of English between segments)

    # what tests and the app read ---------------------------------------------------------------

    @property
    def current(self) -> Segment | None:
        return self.state.segment

    @property
    def unsaved(self) -> dict[int, str]:
        return self.state.unsaved

    @property
    def writing(self) -> bool:
        return self.state.writing

    # layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield SegmentList(id="segments")
        yield Static("", id="align-note", markup=False)
        with Container(id="workarea"):
            with Container(id="pair"):
                with VerticalScroll(id="korean-pane", classes="text-pane"):
                    yield KoreanView(id="korean")
                yield EnglishEditor(id="english")
            yield SegmentPanels(id="panels")
        with Vertical(id="bottom"):
            yield Static("", id="notice", markup=False)
            yield Static(_("Loading…"), id="progress", markup=False)
            yield KeysFooter()

    @property
    def panels(self) -> SegmentPanels:
        return self.query_one(SegmentPanels)

    @property
    def english(self) -> EnglishEditor:
        if self._english is None:  # kept: the last flush reads it after the widgets are gone
            self._english = self.query_one(EnglishEditor)
        return self._english

    def on_mount(self) -> None:
        self.sub_title = self._title
        self.query_one("#align-note").display = False
        self.query_one("#notice").display = False
        english = self.english
        english.read_only = True  # until the document is on screen and the user's roles known
        english.edit_guard = self._may_change
        english.refused = self._refused_typing
        self.questions = Questions(self.app, self.state, self._queue, lambda: self.state.leave(self._typed_text()))
        self.lookups = Lookups(self.app, self.session, self.document_id, self.state,
                               selected=lambda: self.english.selected_text, go=self._go_and_type,
                               found=self._show_found,
                               open_document=lambda doc, at: self.app.push_screen(
                                   EditorScreen(self.session, doc, start_at=at)))
        self.inserts = Inserts(self.app, self.state, english=lambda: self.english, panels=lambda: self.panels,
                               uses=lambda: self._analysis.uses if self._analysis is not None else self.panels.uses)
        self._update_titles()
        self._set_layout()
        if self._preloaded is not None:
            self.on_editor_screen_loaded(loaded(self._preloaded, self.app.size.width))
            self._preloaded = None
        else:
            self.fetches.document(self.app.size.width)  # the screen itself has no size until its first layout

    def on_resize(self) -> None:
        self._set_layout()
        if self._reflow_timer is not None:
            self._reflow_timer.stop()
        self._reflow_timer = self.set_timer(0.3, self._reflow)

    def _set_layout(self) -> None:
        self.set_class((self.size.width or self.app.size.width) >= self.WIDE, "-wide")

    def _reflow(self) -> None:
        table = self.query_one(SegmentList)
        if self.state.segments and table.widths != widths_for(self.size.width, len(self.state.segments)):
            self.fetches.rows(self.size.width)

    def on_descendant_focus(self, event) -> None:
        self._update_titles()

    def on_descendant_blur(self, event) -> None:
        self._update_titles()

    # loading -----------------------------------------------------------------------------------

    def on_editor_screen_loaded(self, message: messages.Loaded) -> None:
        data = message.data
        reloaded = self._reloading
        if reloaded:
            # Read again after English moved: the box shows the segment's new English, and nothing
            # it held before is typing (the move waited for every save).
            self._reloading = False
            self.state.current, self.state.counts = 0, {}
        self._title = printable(data.document.title)
        self.sub_title = f"#{self.document_id} {self._title}"
        self.state.load(data.segments, data.permissions, data.comments, data.audit_head, data.guard, data.glossary)
        self._words = message.words
        self.query_one(SegmentList).fill(message.rows, message.widths)
        self.refresh_bindings()
        self._update_progress()
        if not self.state.segments:
            self._notice(_("This document has no segments."))
            return
        if not self.state.may("edit"):
            user = self.state.user
            who = self.session.user if user is None else f"{user.name} ({names(user.roles)})"
            why = self.state.permissions.why_not_edit  # a rule beyond the roles (an assignment) says why
            self._standing = (_("Read-only: {why}").format(why=why) if why else
                              _("Read-only: {who} has no translator or editor role here.").format(who=who))
        self.go_to(min(max(1, self._start_at), len(self.state.segments)))
        # Editable only now that the box shows the segment it saves to, and has the focus: a key
        # that came earlier went to the list, or nowhere.
        self.english.read_only = not self.state.may_type()
        self.english.focus()
        self._update_titles()
        self.call_after_refresh(self.fetches.counts if reloaded else self._after_first_paint)

    def on_editor_screen_failed(self, message: messages.Failed) -> None:
        if message.loading:
            self.sub_title = message.problem
            self.query_one("#progress", Static).update("")
            self.notify(message.problem, title=_("Cannot open the document"), severity="error")
        self._notice(message.problem, problem=True)

    def _after_first_paint(self) -> None:
        # The checks over the whole document hold the GIL for a while, so they start once the
        # document is on screen rather than delay its first frame. The Korean morphology model is
        # never loaded here: its decisions are stored in the workspace (workflow.word_decisions).
        self.fetches.counts()

    def _recount_soon(self) -> None:
        if self._count_timer is not None:
            self._count_timer.stop()
        self._count_timer = self.set_timer(self.COUNT_DELAY, self.fetches.counts)

    def on_editor_screen_counted(self, message: messages.Counted) -> None:
        state = self.state
        # The segment being typed keeps the count of its typed text until that is saved.
        typed = {i: c for i, c in state.counts.items() if i == state.current and i in state.unsaved}
        before = state.counts
        state.counts = {**message.counts, **typed}
        table = self.query_one(SegmentList)
        for index in set(before) | set(state.counts):
            if before.get(index) != state.counts.get(index):
                table.update_segment(state.segments[index - 1], state.counts.get(index), state.unsaved.get(index))

    def on_editor_screen_formatted(self, message: messages.Formatted) -> None:
        if len(message.rows) == len(self.state.segments):
            self.query_one(SegmentList).fill(message.rows, message.widths, cursor=max(1, self.state.current))

    # moving between segments -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Not offered at all (False hides it from the footer and the palette); the Workspace
        # would refuse anyway.
        if action == "resolve_conflict":
            return self.state.may("edit") and self.current is not None and self.current.conflict
        if action == "sign_off":
            return self.state.permissions.sign_as is not None
        if action == "pair_ok":  # offered on a doubtful pairing only
            return (not self.repair.moving and self.state.may("edit") and self.current is not None
                    and self.current.low_confidence)
        if self.repair.moving and action in self.GATED:
            return False  # until the moved English is on screen, nothing else is written
        need = self.GATED.get(action)
        if need in ("edit", "mark") and action != "save" and self.current is not None and self.current.locked:
            return False  # nothing of a locked segment changes (workflow.states)
        return True if need is None else self.state.may(need)

    def _typed_text(self) -> str | None:
        """What the English box holds, where it can hold typing (None where it is read-only)."""
        english = self.english
        return None if english.read_only or not self.state.current else english.text

    def go_to(self, index: int, *, cursor: int = 0) -> None:
        state = self.state
        if not state.segments or not 1 <= index <= len(state.segments):
            return
        table = self.query_one(SegmentList)
        if index == state.current:
            table.show_index(index)
            self.english.move_to_offset(cursor)
            return
        self._stop_idle_timer()
        self._their_text = None
        text = state.move(index, self._typed_text())
        self._pump()
        segment = state.segment
        self._analysis = None
        english = self.english
        english.source_text = segment.source  # placeholders ctrl+k may insert
        english.load_text(text)
        english.hold(segment.locked, segment.max_length)
        if not self.repair.moving:
            english.read_only = not state.may_type()
        english.move_to_offset(cursor)
        english.mark_spans([])
        self._shown = None
        self.query_one(KoreanView).show(segment.source, findings=[])
        self.query_one("#korean-pane").scroll_home(animate=False)
        self.panels.show_comments(state.comments.get(index, []))
        self._show_align_note(segment)
        self._show_notice()
        table.show_index(index)
        self._update_titles()
        self._analyse_now()
        self.panels.show_matches([])
        self.fetches.memory(index, segment.source)

    def _show_align_note(self, segment: Segment) -> None:
        """Why the import doubted this pairing, while it is marked doubtful."""
        note = self.query_one("#align-note", Static)
        note.display = segment.low_confidence
        if segment.align_note:
            note.update("⚠ " + _("Pairing doubtful: {note}").format(note=shown(segment.align_note)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Refilling the list (on resize) highlights row 0 on the way: only the row the cursor is
        # still on counts, or the editor would hop to segment 1 and back.
        table = event.data_table
        if table.id == "segments" and self.state.segments and event.cursor_row == table.cursor_row:
            self.go_to(event.cursor_row + 1)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "segments":
            self.english.focus()

    def _step(self, step: int) -> None:
        if self.state.current:
            self.go_to(min(max(1, self.state.current + step), len(self.state.segments)))

    def action_next_segment(self) -> None:
        self._step(1)

    def action_previous_segment(self) -> None:
        self._step(-1)

    def _jump(self, wanted, none_left: str) -> bool:
        if not self.state.current:
            return False
        found = segment_nav.next_index(self.state.segments, self.state.current, wanted)
        if found is None:
            self.notify(none_left)
            return False
        self.go_to(found)
        return True

    def action_next_empty(self) -> None:
        self._jump(segment_nav.untranslated, _("No other segment is empty: every one has English."))

    def action_next_needing_me(self) -> None:
        wanted = segment_nav.needs(self.state.user)
        self._jump(wanted, _("Nothing else needs you now: no other segment is waiting for your step."))

    def action_next_finding(self) -> None:
        """The next finding's span after the cursor, else the first finding of the next flagged segment."""
        english, analysis = self.english, self._analysis
        if analysis is not None and analysis.text == english.text:
            at = english.cursor_offset
            spans = sorted(v.finding.target_span for v in analysis.findings if v.open and v.finding.target_span)
            later = next((span for span in spans if span[0] > at), None)
            if later is not None:
                english.select_span(later)
                english.focus()
                return
        if self._jump(lambda s: any(self.state.counts.get(s.index, (0, 0))),
                      _("No other segment has an open finding.")):
            self._to_finding = True
            english.focus()

    def action_go_to(self) -> None:
        self.lookups.go_to()

    def action_find(self) -> None:
        self.lookups.find()

    def action_concordance(self) -> None:
        self.lookups.concordance()

    def action_archive(self) -> None:
        self.lookups.archive()

    def _go_and_type(self, index: int) -> None:
        self.go_to(index)
        self.english.focus()

    def _show_found(self, hit) -> None:
        self.go_to(hit.index)
        if hit.field == "english":
            self.english.select_span((hit.start, hit.end))
        else:
            korean = self.query_one(KoreanView)
            korean.show(korean.source, korean.uses, spotlight=(hit.start, hit.end))
        self.english.focus()

    async def action_back(self) -> None:
        # Escape steps out one level: a panel to the English, the English to the list, the list
        # to the documents.
        focused = self.focused
        # set_focus, not focus(): at once, so keys queued behind this one follow the focus.
        if focused is not None and focused.parent is self.panels:
            self.set_focus(self.english)
            return
        if isinstance(focused, EnglishEditor):
            self.set_focus(self.query_one(SegmentList))
            return
        if await self.flush():
            self.dismiss(None)  # the app may open the documents list on that
        else:
            self._unsaved_warning()

    def _unsaved_warning(self) -> None:
        indexes = ", ".join(map(str, sorted(self.state.unsaved)))
        self.notify(_("Segment {indexes} could not be saved; the text is still in the editor.").format(indexes=indexes),
                    title=_("Not saved"), severity="error")

    # typing ------------------------------------------------------------------------------------

    def _may_change(self, retry) -> bool:
        """The English box asks before every change: approved or signed text needs a yes first."""
        state = self.state
        if state.segment is None or self.english.read_only:
            return False
        if state.voids() is None:
            return True
        # Nothing is written until the person agrees; then the change that asked is replayed.
        self.questions.unlock(retry, self.english.focus)
        return False

    @on(TextArea.Changed, "#english")
    def typed(self, event: TextArea.Changed) -> None:
        if self.state.segment is None or event.text_area.read_only:
            return
        if self.state.typed(event.text_area.text):
            self._schedule_idle_save()
        if self._analyse_timer is not None:
            self._analyse_timer.stop()
        self._analyse_timer = self.set_timer(self.ANALYSE_DELAY, self._analyse_now)
        # Only the "unsaved" mark moves with a key; the titles stay as they are.
        self.english.show_status(self.state.status(self.state.current))

    def _refused_typing(self) -> None:
        if self.current is not None and (refusal := locked_refusal(self.current)) is not None:
            self._notice(f"{LOCK_MARK} {refusal}", problem=True)

    def _stop_idle_timer(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.stop()
        self._dirty_since = None

    def _schedule_idle_save(self) -> None:
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        delay = min(self.IDLE_SAVE_SECONDS, max(0.0, self._dirty_since + self.MAX_UNSAVED_SECONDS - now))
        if self._idle_timer is not None:
            self._idle_timer.stop()
        self._idle_timer = self.set_timer(delay, self._save_all)

    def _save_all(self) -> None:
        self._dirty_since = None
        self.state.leave(self._typed_text())
        for index in sorted(self.state.unsaved):  # segments whose save failed earlier try again too
            self.state.queue_save(index)
        self._pump()
        self._update_titles()

    def action_save(self) -> None:
        self._stop_idle_timer()
        self.state.leave(self._typed_text())
        if not self.state.unsaved and not self.state.writing:
            self.notify(_("Nothing to save: the workspace has this text."), timeout=2)
        self._save_all()

    # writing -----------------------------------------------------------------------------------

    def _pump(self) -> None:
        self._writer.pump()

    def _queue(self, job) -> None:
        self.state.queue(job)
        self._writer.pump()

    def on_editor_screen_written(self, message: messages.Written) -> None:
        self._writer.written(message.outcome)

    async def flush(self) -> bool:
        """Write everything typed, now; True when nothing is left unsaved."""
        return await self._writer.flush(self._typed_text())

    def _apply(self, outcome: Outcome) -> None:
        landed = self.state.written(outcome, self._typed_text())
        if self._closing or not self.is_mounted:
            return  # flushed while the screen is taken down: the data is all that matters
        self._show_landed(landed)

    def _show_landed(self, landed: Landed) -> None:
        index, state = landed.index, self.state
        done, confirmed = self.repair.landed()
        if done:
            if landed.reload:
                for toast in landed.toasts:
                    self.notify(toast.text, title=toast.title, severity=toast.severity,
                                **({"timeout": toast.timeout} if toast.timeout else {}))
                if confirmed is not None:
                    self.notify(_("Segment {index}: the pairing is right; it is no longer marked doubtful.").format(
                        index=confirmed), title=_("Pairing"), timeout=4)
                self._reload()
                return
            self.english.read_only = not state.may_type()  # refused: the box is as it was
            self.refresh_bindings()
        if landed.english is not None and index == state.current:
            self._set_english(landed.english)
        if landed.problem is not None:
            # In the notice line, whole and wrapped; a toast over it would hide half of both.
            problem = landed.problem
            if str(index) not in problem:  # most refusals name their segment already
                problem = _("Segment {index}: {problem}").format(index=index, problem=problem)
            self._notice(problem, problem=True)
            self.app.bell()
            self._update_titles()
            return
        for toast in landed.toasts:
            self.notify(toast.text, title=toast.title, severity=toast.severity,
                        **({"timeout": toast.timeout} if toast.timeout else {}))
        if landed.comments is not None and index == state.current:
            self.panels.show_comments(landed.comments)
        self.query_one(SegmentList).update_segment(state.segments[index - 1], state.counts.get(index),
                                                   state.unsaved.get(index))
        self._update_progress()
        self._update_titles()
        self._show_notice()
        self._recount_soon()
        if index == state.current:
            self._analyse_now()
        if landed.advance:
            self._jump(segment_nav.not_done, _("No other segment is left to translate."))

    def _set_english(self, text: str) -> None:
        english = self.english
        at = english.cursor_offset
        english.load_text(text)
        english.move_to_offset(at)

    # other people's changes ----------------------------------------------------------------------

    def on_workspace_changed(self, message) -> None:
        if self.state.segments and not self._closing:
            self.fetches.changes()

    def on_editor_screen_reread(self, message: messages.Reread) -> None:
        if self._closing:
            return
        result = self.state.changed(message.landed, message.changes, self._typed_text())
        if result.again:
            self.fetches.changes()
            return
        state, table = self.state, self.query_one(SegmentList)
        for index in result.redraw:
            table.update_segment(state.segments[index - 1], state.counts.get(index), state.unsaved.get(index))
        if state.current in result.redraw:
            self._show_align_note(state.segments[state.current - 1])  # someone said its pairing is right
        if result.comments is not None:
            self.panels.show_comments(result.comments)
        if result.english is not None:
            self._set_english(result.english)
            self._their_text = state.current
            self._notice(_("Segment {index} was just saved by someone else; this is their text.").format(
                index=state.current))
        elif self._their_text != state.current or state.conflict_notice() is not None:
            self._show_notice()
        if result.redraw:
            self._update_progress()
            self._update_titles()
            self.refresh_bindings()
        if result.recheck:
            self._analyse_now()
            self._recount_soon()

    # conflicts -----------------------------------------------------------------------------------

    def action_resolve_conflict(self) -> None:
        segment = self.current
        if segment is None:
            return
        if not segment.conflict:
            self.notify(_("Segment {index} is not in conflict.").format(index=segment.index))
            return
        # What is typed here is stored first, so the resolution cannot be overtaken by it.
        self.state.leave(self._typed_text())
        self._pump()
        self.fetches.conflict(segment.index)

    def on_editor_screen_conflict_loaded(self, message: messages.ConflictLoaded) -> None:
        index = message.index
        if message.conflict is None:
            self.notify(_("Segment {index} is no longer in conflict: someone has resolved it.").format(index=index))
            self.fetches.changes()
            return

        self.questions.resolve(index, message.conflict)

    # what the translator does to the segment in hand ---------------------------------------------

    def action_mark_translated(self) -> None:
        if self.current is None:
            return
        self.state.leave(self._typed_text())  # marks exactly the text on screen
        self.state.queue(MarkJob(self.state.current))
        self._pump()

    def action_copy_source(self) -> None:
        if self.current is not None:
            self.inserts.source(self.current.source)

    def action_insert_term(self) -> None:
        if self.current is not None:
            self.inserts.term()

    def action_insert_tm(self) -> None:
        self.inserts.match()

    def on_segment_panels_match_picked(self, message: SegmentPanels.MatchPicked) -> None:
        self.inserts.match()

    def on_segment_panels_term_picked(self, message: SegmentPanels.TermPicked) -> None:
        self.inserts.term_for(message.use)

    def on_segment_panels_thread_picked(self, message: SegmentPanels.ThreadPicked) -> None:
        if self.state.current:
            self.questions.thread(message.thread)

    def on_segment_panels_finding_picked(self, message: SegmentPanels.FindingPicked) -> None:
        self._show_finding(message.finding)
        self.english.focus()

    def _show_finding(self, finding) -> None:
        english = self.english
        if finding.source_span:
            korean = self.query_one(KoreanView)
            korean.show(korean.source, korean.uses, spotlight=finding.source_span)
        if finding.target_span and self._analysis is not None and self._analysis.text == english.text:
            english.select_span(finding.target_span)

    def action_dismiss_finding(self) -> None:
        view = self.panels.chosen_finding()
        if view is None:
            self.notify(_("No open finding on this segment to dismiss."))
        else:
            self.questions.dismiss(view)

    def action_comment(self) -> None:
        if self.state.current:
            self.questions.comment()

    def action_history(self) -> None:
        if self.state.current:
            self.app.push_screen(HistoryDialog(self.session, self.document_id, self.state.current,
                                               self.state.current in self.state.unsaved))

    async def action_sign_off(self) -> None:
        # What is typed is saved first: a sign-off binds the texts as they stand in the workspace.
        role = self.state.permissions.sign_as
        if role is None or not await self.flush():
            return

        def signed(signoff) -> None:
            if signoff is not None:
                self.notify(_("Signed off as {role} by {name}.").format(role=name(signoff.role),
                                                                       name=signoff.display_name),
                            title=_("Sign-off"))
                self.fetches.changes()

        self.app.push_screen(SignOffDialog(self.session, self.document_id, role), signed)

    def action_toggle_panels(self) -> None:
        self.panels.display = not self.panels.display

    # putting the pairing right -------------------------------------------------------------------

    async def action_pair_down(self) -> None:
        await self._pair(Move.DOWN)

    async def action_pair_up(self) -> None:
        await self._pair(Move.UP)

    async def action_pair_join(self) -> None:
        await self._pair(Move.JOIN)

    async def action_pair_split(self) -> None:
        await self._pair(Move.SPLIT)

    async def _pair(self, move: Move) -> None:
        if self.current is not None:
            await self.repair.move(move)

    async def action_pair_ok(self) -> None:
        await self.repair.confirm()

    def _hold_english(self) -> None:
        self.english.read_only = True
        self.refresh_bindings()

    def _reload(self, at: int | None = None) -> None:
        """Read the whole document again (the English moved) and open segment `at` (else the one in
        hand); its findings and the list's counts are checked again."""
        self._start_at = at or self.state.current or 1
        self._reloading = True
        self.fetches.document(self.size.width or self.app.size.width)

    async def action_pairing(self) -> None:
        from tui.screens.pairing import PairingScreen

        if not self.state.segments or self.repair.moving:
            return
        if not await self.flush():  # the pairing screen moves stored English: what is typed goes first
            self._unsaved_warning()
            return

        def back(picked: int | None) -> None:
            # Whatever moved there (or elsewhere meanwhile) is read again; a segment picked there opens.
            self._reload(picked)

        self.app.push_screen(PairingScreen(self.session, self.document_id, at=self.state.current), back)

    # checks as you type --------------------------------------------------------------------------

    def _analyse_now(self) -> None:
        segment = self.current
        if segment is not None:
            self.fetches.analysis(segment, self.english.text)

    def on_editor_screen_analysed(self, message: messages.Analysed) -> None:
        result, english = message.analysis, self.english
        if result.index != self.state.current or result.text != english.text:
            return  # typed on since; a newer analysis is on its way
        self._analysis = result
        opened = [v for v in result.findings if v.open]
        english_marks, korean_marks = finding_marks(result.findings)
        # Most pauses change nothing the panels show; redrawing them anyway re-lays the screen out.
        shown = (result.index, tuple(result.findings), tuple(result.uses))
        if shown != self._shown:
            self._shown = shown
            self.query_one(KoreanView).show(self.current.source, result.uses, findings=korean_marks)
            self.panels.show_analysis(result.findings, result.uses, judged=is_work(self.current))
        if english.marks != english_marks:
            english.mark_spans(english_marks)
        self.state.counts[result.index] = result.counts
        self.query_one(SegmentList).update_segment(self.current, result.counts, self.state.unsaved.get(result.index))
        if self._to_finding:
            self._to_finding = False
            first = next((v.finding for v in opened if v.finding.target_span), None)
            if first is not None:
                self._show_finding(first)

    def on_editor_screen_tm_found(self, message: messages.TmFound) -> None:
        if message.index == self.state.current:
            self.panels.show_matches(message.matches)

    # status --------------------------------------------------------------------------------------

    def _notice(self, text: str, *, problem: bool = False) -> None:
        try:
            notice = self.query_one("#notice", Static)
        except NoMatches:
            return  # the screen is being taken down
        notice.update(text)
        notice.set_class(problem, "problem")
        notice.display = bool(text)
        if self.state.current:
            # The list shrinks as the notice grows: keep the segment in hand in view.
            self.call_after_refresh(self.query_one(SegmentList).show_index, self.state.current)

    def _show_notice(self) -> None:
        """The most pressing standing words about the segment in hand: a conflict, someone else's
        save under typing, else the read-only line."""
        conflict = self.state.conflict_notice()
        if conflict is not None:
            segment = self.current
            self._notice((f"{CONFLICT_MARK} " if segment is not None and segment.conflict else "") + conflict,
                         problem=segment is not None and segment.conflict)
        else:
            self._notice(self._standing)
        self.refresh_bindings()

    def _update_progress(self) -> None:
        user = self.state.user
        who = (f"{user.name} ({names(user.roles) or _('no role')})" if user
               else _("{user} (not a user here)").format(user=self.session.user))
        text = segment_nav.progress_text(self.state.segments, self._words)
        self.query_one("#progress", Static).update(f"{text} · {who}")

    def _update_titles(self) -> None:
        focused = self.focused
        for widget, title in self._titles().items():
            shown = (FOCUS_MARK if focused is widget else "") + title
            if isinstance(widget, EnglishEditor):
                widget.show_title(shown)  # with its length counter
            else:
                widget.border_title = shown

    def _titles(self) -> dict[Widget, str]:
        english, korean = self.english, self.query_one("#korean-pane")
        titles: dict[Widget, str] = {
            panel: (panel.border_title or "").removeprefix(FOCUS_MARK) for panel in self.query(".panel")}
        titles[korean], titles[english] = self.state.titles(english.read_only)
        if self.current is not None:
            english.show_status(self.state.status(self.current.index))
        return titles

    # closing ---------------------------------------------------------------------------------------

    async def on_unmount(self) -> None:
        # Last line of defence (the app torn down some other way): write what was typed.
        self._closing = True
        try:
            if self.state.unsaved or self.state.writing:
                await self.flush()
        finally:
            for thread in (self._reads, self._checks, self._writes):
                thread.close()
