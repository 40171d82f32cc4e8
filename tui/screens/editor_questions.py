"""The editor's questions to the person: each opens a dialog and, on an answer, queues the write.

A plain object given what it needs (the app to push dialogs on, the editor's state, a way to queue a
job and to capture what is typed), so the screen's own methods stay about what is on screen. Every
answer becomes a job on EditorState's write queue; nothing here writes or touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from tui.editor.jobs import CloseJob, CommentJob, DismissJob, Job, ReplyJob, ResolveJob
from tui.editor.state import EditorState
from tui.screens.editor_dialogs import ReasonDialog
from tui.widgets.conflict_dialog import ConflictDialog
from tui.widgets.query_dialog import QueryDialog, Reply
from tui.widgets.unlock_dialog import UnlockDialog
from workflow.models import Conflict, FindingView, Thread
from workflow.i18n import _


class Questions:
    def __init__(self, app: App, state: EditorState, queue: Callable[[Job], None],
                 capture: Callable[[], None]) -> None:
        self._app, self._state, self._queue, self._capture = app, state, queue, capture
        self.unlocking = False  # the unlock dialog is up: further edits wait for its answer

    def unlock(self, retry: Callable[[], object], focus: Callable[[], object]) -> None:
        """Ask before approved or signed text changes; on yes, unlock the segment and replay."""
        voids, index = self._state.voids(), self._state.current
        if voids is None or self.unlocking:
            return
        self.unlocking = True

        def answered(agreed: bool | None) -> None:
            self.unlocking = False
            if agreed and index == self._state.current:
                self._state.unlock(index)
                retry()
                focus()

        self._app.push_screen(UnlockDialog(voids), answered)

    def dismiss(self, view: FindingView) -> None:
        index = self._state.current
        dialog = ReasonDialog(_("Dismiss finding"), view.finding.message,
                              _("why it does not apply here (recorded with your name)"))

        def answered(reason: str | None) -> None:
            if reason:
                self._capture()  # a dismissal holds for saved text only: the text on screen goes first
                self._queue(DismissJob(index, finding=view.finding, reason=reason))

        self._app.push_screen(dialog, answered)

    def comment(self) -> None:
        index, segment = self._state.current, self._state.segment
        dialog = ReasonDialog(_("Comment on segment {index}").format(index=index), segment.source,
                              _("your note or question"), query_box=True)

        def answered(answer: tuple[str, str] | None) -> None:
            if answer:
                self._queue(CommentJob(index, text=answer[0], kind=answer[1]))

        self._app.push_screen(dialog, answered)

    def thread(self, thread: Thread) -> None:
        index = self._state.current

        def answered(intent) -> None:
            if intent is None:
                return
            self._queue(ReplyJob(index, comment_id=intent.comment_id, text=intent.text, close=intent.close)
                        if isinstance(intent, Reply) else CloseJob(index, comment_id=intent.comment_id))

        dialog = QueryDialog(thread, segment_label=_("Segment {index}").format(index=index))
        self._app.push_screen(dialog, answered)

    def resolve(self, index: int, conflict: Conflict) -> None:
        segment = self._state.segments[index - 1]

        def answered(text: str | None) -> None:
            if text is not None:
                self._queue(ResolveJob(index, text=text))

        self._app.push_screen(ConflictDialog(conflict, segment.source, self._state.drafts.get(index)), answered)
