"""The editor's side of concurrent saves: telling merges and conflicts apart, and resolving one.

A mixin of EditorScreen (editor.py). The workspace decides (workflow.editing): a save based on an
older revision is merged with what was saved since, or, where the two changes overlap, kept aside
with the segment marked in conflict. Here the screen follows: a merge shows the merged text; a
conflict shows the stored text again, says where the person's own text went, and f12 opens both
texts with their diff (ConflictDialog) to pick one or write a third.
"""

from __future__ import annotations

from textual import work

from tui import editor_io
from tui.editor_io import Outcome, ResolveJob, SaveJob
from tui.labels import CONFLICT_MARK
from tui.screens.editor_writes import Reply
from tui.widgets.conflict_dialog import ConflictDialog
from tui.widgets.segment_texts import EnglishEditor
from workflow.i18n import _
from workflow.models import Conflict


class ConflictActions:
    def _init_conflicts(self) -> None:
        self._drafts: dict[int, str] = {}  # typed on after a save that conflicted: offered when resolving

    def _show_conflict_notice(self) -> None:
        """Standing words about other people's work on the segment in hand (a conflict, or a save
        under typing); called whenever that segment or what is known of it changes."""
        segment = self.current
        if segment is not None and segment.conflict:
            self._notice(f"{CONFLICT_MARK} " + _("Segment {index} is in conflict: two people changed the same words. "
                                                 "f12 shows both texts and resolves it.").format(index=segment.index),
                         problem=True)
        elif segment is not None and segment.index in self._moved_on:
            self._notice(_("Someone else saved segment {index} while you were typing; your save will merge with "
                           "their change, or keep both if they overlap.").format(index=segment.index))
        self.refresh_bindings()

    def action_resolve_conflict(self) -> None:
        segment = self.current
        if segment is None:
            return
        if not segment.conflict:
            self.notify(_("Segment {index} is not in conflict.").format(index=segment.index))
            return
        # What is typed here is stored first, so the resolution cannot be overtaken by it.
        self._capture()
        self.queue_save(segment.index)
        self.load_conflict(segment.index)

    @work(thread=True, exclusive=True, group="conflict")
    def load_conflict(self, index: int) -> None:
        try:
            found = editor_io.conflict(self.session, self.document_id, index)
        except Exception as exc:  # noqa: BLE001 - shown on screen, never as a traceback
            self.post_message(Reply(self._notice_problem, editor_io.problem_of(exc)))
            return
        self.post_message(Reply(self._conflict_loaded, (index, found)))

    def _conflict_loaded(self, value: tuple[int, Conflict | None]) -> None:
        index, conflict = value
        if conflict is None:
            self.notify(_("Segment {index} is no longer in conflict: someone has resolved it.").format(index=index))
            self.reread(self._landed, self._audit_head)
            return
        segment = self._segments[index - 1]

        def resolved(text: str | None) -> None:
            if text is not None:
                self.queue(ResolveJob(index, text=text))

        self.app.push_screen(ConflictDialog(conflict, segment.source, self._drafts.get(index)), resolved)

    # writes landing -----------------------------------------------------------------------------

    def _landed_write(self, outcome: Outcome) -> None:
        """Called by applied() for every finished write, before the screen redraws the segment."""
        self._landed += 1
        job, saved = outcome.job, outcome.saved
        if outcome.problem is not None or saved is None or self._closing:
            return
        if isinstance(job, SaveJob) and saved.merged:
            self._landed_save(job, saved.segment)
        elif isinstance(job, SaveJob) and saved.conflict:
            self._conflicted(job)
        elif isinstance(job, ResolveJob):
            self._drafts.pop(job.index, None)
            self._moved_on.pop(job.index, None)
            if job.index == self._current:
                self._set_english(saved.segment.target)
                self._notice(self._standing)
        if job.index == self._current:
            self._show_conflict_notice()

    def _conflicted(self, job: SaveJob) -> None:
        """The save overlapped someone else's: their text stays current, ours is kept aside."""
        index = job.index
        self._moved_on.pop(index, None)
        typed = self.unsaved.get(index)
        if index == self._current:
            typed = self.query_one(EnglishEditor).text
        if typed is not None and typed != job.text:
            self._drafts[index] = typed  # typed on while the save ran: the resolution starts from it
        # Saving more now would write over theirs with no one having chosen: the conflict decides.
        self.unsaved.pop(index, None)
        for queued in [j for j in self._jobs if isinstance(j, SaveJob) and j.index == index]:
            self._jobs.remove(queued)
        if index == self._current:
            self._set_english(self._segments[index - 1].target)
