"""The editor keeping up with other people: what it shows follows the workspace, never over typing.

A mixin of EditorScreen (editor.py). When the app notices a commit (tui.live), a worker re-reads the
segments the document's audit log names since the last read (a few milliseconds at 5,000 segments,
where the whole document takes a tenth of a second) and the glossary's version; only segments that
differ from what the screen holds are redrawn, and a moved glossary re-checks the segment in hand.
A segment holding typed text (or a save not yet landed) keeps the revision the typing started from,
so its save names that revision as its base (EMPTY_BASE where the segment had none: two people
filling one empty segment must not overwrite each other) and the workspace merges the two changes
or keeps both as a conflict; the person is told, and their text is never replaced under the cursor.
"""

from __future__ import annotations

from textual import work

from tui import editor_io
from tui.editor_io import SaveJob
from tui.live import WorkspaceChanged
from tui.screens.editor_writes import Reply
from tui.widgets.panels import CommentsPanel
from tui.widgets.segment_list import SegmentList
from tui.widgets.segment_texts import EnglishEditor
from workflow.i18n import _
from workflow.merge import merge3
from workflow.models import Segment


class LiveEditor:
    def _init_live(self) -> None:
        self._landed = 0  # writes applied so far: a re-read that raced one is read again
        self._audit_head = 0  # the document's audit log as last read; set when the document loads
        self._moved_on: dict[int, Segment] = {}  # someone else's save under typed text, by index
        self._glossary: int | None = None  # the glossary version last seen

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        if self._segments and not self._closing:
            self.reread(self._landed, self._audit_head)

    @work(thread=True, exclusive=True, group="live")
    def reread(self, landed: int, since: int) -> None:
        try:
            found = editor_io.changes(self.session, self.document_id, since)
        except Exception:  # noqa: BLE001 - the next change noticed tries again; the screen still works
            return
        self.post_message(Reply(self._reread, (landed, found)))

    def _holds(self, index: int) -> bool:
        """Typed text, or a save of it still queued or in flight: its base must not move."""
        busy = self._busy
        return (index in self.unsaved
                or (isinstance(busy, SaveJob) and busy.index == index)
                or any(isinstance(job, SaveJob) and job.index == index for job in self._jobs))

    def _reread(self, value: tuple[int, editor_io.Changes]) -> None:
        landed, found = value
        if landed != self._landed:
            # One of our writes landed while this was read: what was read may predate it.
            self.reread(self._landed, self._audit_head)
            return
        if self._closing or any(not 1 <= s.index <= len(self._segments) for s in found.segments):
            return
        self._audit_head = max(self._audit_head, found.audit_head)
        if found.glossary != self._glossary:
            # A term approved or changed (or, the first time, maybe): the marks and findings move.
            self._analyse_now()
        self._glossary = found.glossary
        self._capture()  # a key typed a moment ago counts as typing
        table = self.query_one(SegmentList)
        # Someone's save held back under typing that has since gone (typed back to what it was).
        waiting = [fresh for index, fresh in self._moved_on.items() if not self._holds(index)]
        for fresh in waiting:
            del self._moved_on[fresh.index]
        changed = False
        for fresh in waiting + found.segments:
            index = fresh.index
            held = self._segments[index - 1]
            comments = found.comments.get(index)
            if comments is not None and comments != self._comments.get(index, []):
                self._comments[index] = comments
                if index == self._current:
                    self.query_one(CommentsPanel).show(comments)
            if fresh == held or (fresh.revision_id or 0) < (held.revision_id or 0):
                continue
            if self._holds(index) and fresh.revision_id != held.revision_id:
                self._moved_on[index] = fresh
                if index == self._current:
                    self._show_conflict_notice()
                continue
            self._segments[index - 1] = fresh
            changed = True
            if index in found.counts and index not in self.unsaved:
                self._counts[index] = found.counts[index]
            table.update_segment(fresh, self._counts.get(index), self.unsaved.get(index))
            if index == self._current:
                self._show_theirs(fresh, held)
        if changed:
            self._update_progress()
            self._update_titles()

    def _show_theirs(self, fresh: Segment, held: Segment) -> None:
        """The segment in hand changed and nothing was typed into it: show the stored text."""
        if fresh.target != held.target:
            self._set_english(fresh.target)
            self._notice(_("Segment {index} was just saved by someone else; this is their text.").format(
                index=fresh.index))
            self._analyse_now()
        self.refresh_bindings()
        self._show_conflict_notice()

    def _set_english(self, text: str) -> None:
        english = self.query_one(EnglishEditor)
        at = english.document.get_index_from_location(english.cursor_location)
        english.load_text(text)
        english.move_cursor(english.location(at))

    # after a save ----------------------------------------------------------------------------

    def _landed_save(self, job: SaveJob, segment: Segment) -> None:
        """A save merged with someone else's change: the English shows the merged text."""
        self._moved_on.pop(job.index, None)
        if job.index != self._current or self._closing:
            return
        english = self.query_one(EnglishEditor)
        if english.text == segment.target:
            return
        if english.text == job.text:
            self._set_english(segment.target)
            return
        # Typed on while the save ran: carry the other person's change onto the newer typing too.
        merged = merge3(job.text, english.text, segment.target)
        if merged.text is not None:
            self.unsaved[job.index] = merged.text
            self._set_english(merged.text)
