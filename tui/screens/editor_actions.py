"""What the translator does to the segment in hand, and what the screen shows when a write lands.

A mixin of EditorScreen (editor.py), split off to keep each module readable; it relies on the
screen's widgets, its loaded segments and the write queue (editor_writes.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from textual import on
from textual.widgets import OptionList

from glossaries.index import TermUse
from tui import segment_nav
from tui.editor_io import CommentJob, DismissJob, MarkJob, Outcome, ResolveJob, SaveJob
from tui.screens.editor_dialogs import HistoryDialog, ReasonDialog
from tui.widgets.panels import CommentsPanel, FindingsPanel, GlossaryPanel, TmPanel
from tui.widgets.segment_list import SegmentList
from tui.widgets.segment_texts import EnglishEditor, KoreanView, inflected_like
from workflow.i18n import _, format_time
from workflow.names import name


class SegmentActions:
    # keys ----------------------------------------------------------------------------------------

    def action_mark_translated(self) -> None:
        if self.current is None:
            return
        self._capture()
        self.queue_save(self._current)  # marks exactly the text on screen
        self.queue(MarkJob(self._current))

    def action_copy_source(self) -> None:
        if self.current is not None and self._may("edit"):
            english = self.query_one(EnglishEditor)
            english.replace_all(self.current.source)
            english.focus()

    def action_insert_term(self) -> None:
        use = self.query_one(GlossaryPanel).chosen()
        if use is None:
            self.notify(_("No glossary term in this segment's Korean."))
        else:
            self._insert(use)

    def action_insert_tm(self) -> None:
        match = self.query_one(TmPanel).chosen()
        english = self.query_one(EnglishEditor)
        if match is None:
            self.notify(_("No translation memory match for this segment."))
        elif not english.read_only:
            # A match is a whole sentence: it replaces the English (undo brings the old back).
            english.replace_all(match.unit.target)
            english.focus()

    @on(OptionList.OptionSelected, "#tm")
    def insert_picked_match(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.query_one(TmPanel).matches):
            self.action_insert_tm()

    def _insert(self, use: TermUse) -> None:
        english = self.query_one(EnglishEditor)
        if english.read_only:
            return
        rendering = use.term.en
        analysed = self._analysis is not None and self._analysis.text == english.text
        if english.selected_text:
            english.replace(rendering, *english.selection)
        elif use.forbidden and analysed:
            # The forbidden rendering is what the term replaces, in the same number.
            hit = use.forbidden[0]
            english.replace_span(inflected_like(rendering, hit.text, hit.phrase), (hit.start, hit.end))
        else:
            english.insert(rendering)
        english.focus()

    def action_dismiss_finding(self) -> None:
        view = self.query_one(FindingsPanel).chosen()
        if view is None:
            self.notify(_("No open finding on this segment to dismiss."))
            return
        index = self._current
        dialog = ReasonDialog(_("Dismiss finding"), view.finding.message,
                              _("why it does not apply here (recorded with your name)"))

        def dismiss(reason: str | None) -> None:
            if reason:
                self._capture()
                self.queue_save(index)  # a dismissal holds for saved text only
                self.queue(DismissJob(index, finding=view.finding, reason=reason))

        self.app.push_screen(dialog, dismiss)

    def action_comment(self) -> None:
        index = self._current
        if not index:
            return
        dialog = ReasonDialog(_("Comment on segment {index}").format(index=index), self.current.source,
                              _("your note or question"),
                              query_box=True)

        def add(answer: tuple[str, str] | None) -> None:
            if answer:
                self.queue(CommentJob(index, text=answer[0], kind=answer[1]))

        self.app.push_screen(dialog, add)

    def action_history(self) -> None:
        if self._current:
            self.app.push_screen(HistoryDialog(self.session, self.document_id, self._current,
                                               self._current in self.unsaved))

    def action_toggle_panels(self) -> None:
        panels = self.query_one("#panels")
        panels.display = not panels.display

    # picking in the panels -------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#findings")
    def jump_to_finding(self, event: OptionList.OptionSelected) -> None:
        panel = self.query_one(FindingsPanel)
        if event.option_index >= len(panel.views):
            return
        finding = panel.views[event.option_index].finding
        english = self.query_one(EnglishEditor)
        if finding.source_span:
            korean = self.query_one(KoreanView)
            korean.show(korean.source, korean.uses, spotlight=finding.source_span)
        if finding.target_span and self._analysis is not None and self._analysis.text == english.text:
            english.select_span(finding.target_span)
        english.focus()

    @on(OptionList.OptionSelected, "#glossary")
    def insert_picked_term(self, event: OptionList.OptionSelected) -> None:
        uses = self.query_one(GlossaryPanel).uses
        if event.option_index < len(uses):
            self._insert(uses[event.option_index])

    # writes landing ---------------------------------------------------------------------------------

    def applied(self, outcome: Outcome) -> None:
        """Called by the write queue for every finished write, success or not."""
        self._record(outcome)
        self._landed_write(outcome)
        if self._closing:
            return  # flushed while the screen is taken down: the data is all that matters
        index = outcome.job.index
        if outcome.problem is not None:
            self._notice_problem(outcome.problem, title=_("Segment {index}").format(index=index))
            self._update_titles()
            return
        self._tell(outcome)
        if outcome.comments is not None and index == self._current:
            self.query_one(CommentsPanel).show(outcome.comments)
        self.query_one(SegmentList).update_segment(self._segments[index - 1], self._counts.get(index),
                                                   self.unsaved.get(index))
        self._update_progress()
        self._update_titles()
        if isinstance(outcome.job, DismissJob) and index == self._current:
            self._analyse_now()
        elif isinstance(outcome.job, MarkJob):
            self._notice(self._standing)
            if index == self._current:
                self._jump(segment_nav.not_done, _("No other segment is left to translate."))

    def _record(self, outcome: Outcome) -> None:
        job, index = outcome.job, outcome.job.index
        if outcome.problem is not None:
            if isinstance(job, SaveJob):
                self._failed[index] = outcome.problem
            return
        self._failed.pop(index, None) if isinstance(job, SaveJob) else None
        if outcome.saved is not None:
            self._segments[index - 1] = outcome.saved.segment
            if outcome.saved.revision_id is not None:
                self._saved_at[index] = format_time(datetime.now())
        if outcome.state is not None:
            self._segments[index - 1] = replace(self._segments[index - 1], state=outcome.state)
        if outcome.comments is not None:
            self._comments[index] = outcome.comments
        if outcome.counts is not None and (index != self._current or index not in self.unsaved):
            self._counts[index] = outcome.counts  # the typed text's own count stays until it is saved

    def _tell(self, outcome: Outcome) -> None:
        index, saved = outcome.job.index, outcome.saved
        if saved is not None and saved.voided:
            self.notify(_("Segment {index} was {state}; your edit sent it back to draft.").format(
                index=index, state=name(saved.voided)), title=_("Sign-off voided"), severity="warning")
        if saved is not None and saved.merged:
            self.notify(_("Someone else saved segment {index} while you edited it; their change and yours "
                          "are merged (both versions are in its history, f9).").format(index=index),
                        title=_("Merged"))
        elif saved is not None and saved.conflict:
            self.notify(_("Someone else changed the same words of segment {index} meanwhile. Their text stays; "
                          "yours is kept aside until one is chosen (f12).").format(index=index),
                        title=_("In conflict"), severity="warning")
        elif saved is not None and saved.stale:
            self.notify(_("Someone else saved segment {index} since you opened it; both versions are in "
                          "its history (f9).").format(index=index), title=_("Saved over a newer revision"),
                        severity="warning")
        if isinstance(outcome.job, ResolveJob):
            self.notify(_("Segment {index}'s conflict is resolved.").format(index=index), timeout=3)
        if isinstance(outcome.job, DismissJob):
            self.notify(_("Finding dismissed; your reason is recorded."), timeout=3)
        elif isinstance(outcome.job, MarkJob):
            self.notify(_("Segment {index} marked translated.").format(index=index), timeout=3)
