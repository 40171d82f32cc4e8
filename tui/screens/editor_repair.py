"""Putting the import's pairing right from the editor: move English up or down from a segment, join
a block to the next, split one at a sentence, or say a doubtful pairing is right.

A plain object given what it needs (the editor's state, a way to queue a job, and the few things of
the screen it acts through, as callables: made with the screen, before it has an app), so the screen keeps to what is on screen.
Each move is asked first (the dialog shows the stretch before and after), then queued behind the
saves; while it is on its way `moving` holds the English box and the keys that write.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tui.editor.jobs import ConfirmPairJob, Job, PairingJob
from tui.editor.state import EditorState
from tui.widgets.pairing_dialog import PairingDialog
from workflow.errors import InputError
from workflow.i18n import _
from workflow.models import Move, Operation, Plan, plan, sentence_starts


class PairingRepair:
    def __init__(self, state: EditorState, queue: Callable[[Job], None], *, push: Callable[..., object],
                 bell: Callable[[], None], flush: Callable[[], Awaitable[bool]], notice: Callable[..., None],
                 hold: Callable[[], None], focus: Callable[[], object], unsaved: Callable[[], None],
                 cursor: Callable[[], int]) -> None:
        self._state, self._queue, self._push, self._bell = state, queue, push, bell
        self._flush, self._notice, self._hold, self._focus = flush, notice, hold, focus
        self._unsaved, self._cursor = unsaved, cursor
        self.moving = False  # English is moving between segments: the box waits for the reload
        self.confirming: int | None = None  # the segment whose pairing alt+o said is right, until it lands

    async def move(self, move: Move) -> None:
        """Ask, showing the stretch before and after, then queue the move behind the saves."""
        state = self._state
        if not state.current or self.moving or not state.may("edit"):
            return
        cursor = self._cursor()
        # What is typed is saved first: the move works on the texts as stored, which the dialog shows.
        if not await self._flush():
            self._unsaved()
            return
        index = state.current
        at = None
        if move is Move.SPLIT:
            # Before the sentence the cursor is in (after the first, when it is in the first).
            starts = sentence_starts(state.segments[index - 1].target)
            at = min(max(1, sum(1 for start in starts if start <= cursor)), max(1, len(starts)))
        operation = Operation(move, index, at=at)
        try:
            plan(state.segments, operation)
        except InputError as exc:
            self._notice(str(exc), problem=True)
            self._bell()
            return
        self._push(PairingDialog(state.segments, operation, state.guard), self._agreed)

    def _agreed(self, agreed: Plan | None) -> None:
        if agreed is None:
            self._focus()
            return
        self.moving = True
        self._hold()
        self._notice(_("Moving English between segments…"))
        self._queue(PairingJob(agreed.operation.index, operation=agreed.operation,
                               expect={row.index: row.before for row in agreed.rows}))

    async def confirm(self) -> None:
        """The pairing of the segment in hand is right as it is: its doubtful mark goes. Through the
        queue like a move, and the document is read again when it lands, so what is typed is saved
        first and the box waits."""
        state = self._state
        segment = state.segment if state.current else None
        if segment is None or not segment.low_confidence or self.moving or not state.may("edit"):
            return
        if not await self._flush():
            self._unsaved()
            return
        self.moving = True
        self.confirming = segment.index
        self._hold()
        self._notice(_("Clearing the doubtful mark…"))
        self._queue(ConfirmPairJob(segment.index))

    def landed(self) -> tuple[bool, int | None]:
        """After a write landed: whether the moves queued are all done (the box may open again), and
        the segment whose pairing was confirmed, if that was one of them."""
        state = self._state
        if not self.moving or any(isinstance(job, PairingJob) for job in (state.busy, *state.jobs)):
            return False, None
        self.moving = False
        confirmed, self.confirming = self.confirming, None
        return True, confirmed
